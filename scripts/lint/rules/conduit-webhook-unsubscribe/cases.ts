import type { RuleCase } from "../../rule-cases.js";
import { CASE_SOURCE, listWidgets, swagger } from "../../rule-cases.js";

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
const remove = (parameter: string) => ({
  delete: listWidgets({
    operationId: "DeleteHook",
    "x-ms-visibility": "internal",
    parameters: [{ name: parameter, in: "path", required: true, type: "string" }],
    responses: { "204": { description: "Unsubscribed." } },
  }),
});
const webhook = (paths: Record<string, unknown>, trigged = "/widgets/hooks/created") =>
  swagger({ paths: { [trigged]: { "x-ms-notification-content": { schema: { type: "object" } }, post: trigger }, ...paths } });
const project = { projectSpec: CASE_SOURCE };

export const cases: RuleCase[] = [
  { name: "a DELETE beside the trigger passes", document: webhook({ "/widgets/hooks/{id}": remove("id") }), options: project, findings: [] },
  { name: "a DELETE under the trigger passes", document: webhook({ "/widgets/hooks/created/{id}": remove("id") }), options: project, findings: [] },
  { name: "another file is not judged", document: webhook({}), options: { projectSpec: "other.yaml" }, findings: [] },
  {
    name: "a DELETE elsewhere",
    document: webhook({ "/removeHook/{id}": remove("id") }),
    options: project,
    findings: [{ path: ["paths", "/widgets/hooks/created", "post"], message: /\/widgets\/hooks\/created\/\{id\} or \/widgets\/hooks\/\{id\}/ }],
  },
  {
    name: "a DELETE whose other variables the trigger lacks",
    document: webhook({ "/widgets/{tenant}/hooks/{id}": remove("id") }),
    options: project,
    findings: [{ path: ["paths", "/widgets/hooks/created", "post"] }],
  },
];
