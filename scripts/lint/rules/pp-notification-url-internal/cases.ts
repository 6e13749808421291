import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const webhook = (schema: unknown) =>
  swagger({
    paths: {
      "/hooks": {
        "x-ms-notification-content": { schema: { type: "object" } },
        post: listWidgets({
          operationId: "WhenAWidgetIsCreated",
          "x-ms-trigger": "single",
          parameters: [{ name: "body", in: "body", required: true, schema }],
          responses: { "201": { description: "Subscribed." } },
        }),
      },
    },
  });
const flat = (property: Record<string, unknown>) => ({ type: "object", required: ["callbackUrl"], properties: { callbackUrl: { type: "string", "x-ms-notification-url": true, ...property } } });
const at = ["paths", "/hooks", "post", "parameters", 0, "schema", "properties", "callbackUrl"];

export const cases: RuleCase[] = [
  { name: "an internal callback URL passes", document: webhook(flat({ "x-ms-visibility": "internal" })), findings: [] },
  {
    name: "inside an internal object passes",
    document: webhook({ type: "object", required: ["hook"], properties: { hook: { type: "object", "x-ms-visibility": "internal", properties: { url: { type: "string", "x-ms-notification-url": true } } } } }),
    findings: [],
  },
  { name: "a visible callback URL", document: webhook(flat({})), findings: [{ path: at, message: /must be x-ms-visibility: internal/ }] },
  { name: "an advanced callback URL", document: webhook(flat({ "x-ms-visibility": "advanced" })), findings: [{ path: at }] },
];
