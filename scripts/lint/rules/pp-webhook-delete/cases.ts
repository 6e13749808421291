import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const trigger = listWidgets({
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
});
const unsubscribe = (extra: Record<string, unknown> = {}) => ({
  delete: listWidgets({
    operationId: "DeleteHook",
    parameters: [{ name: "id", in: "path", required: true, type: "string", "x-ms-summary": "ID", description: "The subscription." }],
    responses: { "204": { description: "Unsubscribed." } },
    ...extra,
  }),
});
const webhook = (paths: Record<string, unknown>) =>
  swagger({ paths: { "/hooks/created": { "x-ms-notification-content": { schema: { type: "object" } }, post: trigger }, ...paths } });

export const cases: RuleCase[] = [
  { name: "an internal DELETE beside the trigger passes", document: webhook({ "/hooks/{id}": unsubscribe({ "x-ms-visibility": "internal" }) }), findings: [] },
  { name: "an internal DELETE under the trigger passes", document: webhook({ "/hooks/created/{id}": unsubscribe({ "x-ms-visibility": "internal" }) }), findings: [] },
  { name: "a DELETE elsewhere is not judged", document: webhook({ "/removeHook/{id}": unsubscribe() }), findings: [] },
  { name: "no DELETE at all", document: webhook({}), findings: [{ path: ["paths", "/hooks/created", "post"], message: /has no DELETE/ }] },
  { name: "a visible DELETE", document: webhook({ "/hooks/{id}": unsubscribe() }), findings: [{ path: ["paths", "/hooks/{id}", "delete"], message: /should be x-ms-visibility: internal/ }] },
  {
    name: "an important DELETE",
    document: webhook({ "/hooks/{id}": unsubscribe({ "x-ms-visibility": "important" }) }),
    findings: [{ path: ["paths", "/hooks/{id}", "delete", "x-ms-visibility"] }],
  },
];
