import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const body = { name: "filter", in: "body", schema: { type: "object" } };

export const cases: RuleCase[] = [
  { name: "a POST with a body passes", document: swagger({ paths: { "/widgets": { post: listWidgets({ operationId: "Search", parameters: [body] }) } } }), findings: [] },
  {
    name: "a GET with a body",
    document: swagger({ paths: { "/widgets": { get: listWidgets({ parameters: [body] }) } } }),
    findings: [{ path: ["paths", "/widgets", "get", "parameters", 0], message: /documented as BodyOrFormDataParameterInFetchOperationNotAllowed; accepted connectors have it/ }],
  },
  {
    name: "a GET with formData",
    document: swagger({ paths: { "/widgets": { get: listWidgets({ parameters: [{ name: "f", in: "formData", type: "string" }] }) } } }),
    findings: [{ path: ["paths", "/widgets", "get", "parameters", 0], message: /formData parameter/ }],
  },
];
