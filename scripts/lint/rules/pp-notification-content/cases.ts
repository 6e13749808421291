import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const webhook = (content: unknown) =>
  swagger({
    paths: {
      "/hooks": {
        "x-ms-notification-content": content,
        post: listWidgets({
          operationId: "WhenAWidgetIsCreated",
          "x-ms-trigger": "single",
          parameters: [
            {
              name: "body",
              in: "body",
              required: true,
              schema: { type: "object", required: ["callbackUrl"], properties: { callbackUrl: { type: "string", "x-ms-notification-url": true, "x-ms-visibility": "internal" } } },
            },
          ],
          responses: { "201": { description: "Subscribed.", headers: { Location: { type: "string" } } } },
        }),
      },
    },
  });

export const cases: RuleCase[] = [
  { name: "a schema passes", document: webhook({ description: "The widget.", schema: { $ref: "#/definitions/Widget" } }), findings: [] },
  { name: "only a description", document: webhook({ description: "The widget." }), findings: [{ path: ["paths", "/hooks", "x-ms-notification-content"], message: /has no schema/ }] },
  { name: "an empty object", document: webhook({}), findings: [{ path: ["paths", "/hooks", "x-ms-notification-content"] }] },
];
