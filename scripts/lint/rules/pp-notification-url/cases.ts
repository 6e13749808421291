import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const callback = (extra: Record<string, unknown> = {}) => ({ type: "string", "x-ms-notification-url": true, "x-ms-visibility": "internal", ...extra });
const webhook = (property: unknown, required = ["callbackUrl"]) =>
  swagger({
    paths: {
      "/hooks": {
        "x-ms-notification-content": { schema: { type: "object" } },
        post: listWidgets({
          operationId: "WhenAWidgetIsCreated",
          "x-ms-trigger": "single",
          parameters: [{ name: "body", in: "body", required: true, schema: { type: "object", required, properties: { callbackUrl: property } } }],
          responses: { "201": { description: "Subscribed." } },
        }),
      },
    },
  });
const at = ["paths", "/hooks", "post", "parameters", 0, "schema", "properties", "callbackUrl"];

export const cases: RuleCase[] = [
  { name: "a required, internal string passes", document: webhook(callback()), findings: [] },
  { name: "optional", document: webhook(callback(), []), findings: [{ path: at, message: /should be required/ }] },
  { name: "visibility is another rule's", document: webhook(callback({ "x-ms-visibility": undefined })), findings: [] },
  { name: "optional and untyped", document: webhook(callback({ type: undefined }), []), findings: [{ path: at, message: /should be type: string, required/ }] },
  { name: "untyped", document: webhook(callback({ type: undefined })), findings: [{ path: at, message: /type: string/ }] },
];
