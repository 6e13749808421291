import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const withDefault = (response: unknown) =>
  swagger({ paths: { "/widgets": { get: listWidgets({ responses: { "200": { description: "OK", schema: { type: "string" } }, default: response } }) } } });

export const cases: RuleCase[] = [
  { name: "a default response without schema passes", document: withDefault({ description: "An error." }), findings: [] },
  {
    name: "a default response with a schema",
    document: withDefault({ description: "An error.", schema: { type: "object" } }),
    findings: [{ path: ["paths", "/widgets", "get", "responses", "default", "schema"], message: /DefaultResponseHasSchema/ }],
  },
];
