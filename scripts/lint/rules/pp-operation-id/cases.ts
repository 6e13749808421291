import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

export const cases: RuleCase[] = [
  { name: "distinct ids pass", document: swagger({ paths: { "/widgets": { get: listWidgets(), post: listWidgets({ operationId: "CreateWidget" }) } } }), findings: [] },
  {
    name: "missing",
    document: swagger({ paths: { "/widgets": { get: listWidgets({ operationId: undefined }) } } }),
    findings: [{ path: ["paths", "/widgets", "get"], message: /GET \/widgets needs an operationId/ }],
  },
  { name: "misspelt: pp-oas2-schema's (did you mean operationId?), not a missing id", document: swagger({ paths: { "/widgets": { get: listWidgets({ operationId: undefined, operationID: "ListWidgets" }) } } }), findings: [] },
  {
    name: "the same id twice",
    document: swagger({ paths: { "/widgets": { get: listWidgets() }, "/gadgets": { get: listWidgets() } } }),
    findings: [{ path: ["paths", "/gadgets", "get", "operationId"], message: /'ListWidgets' is already used \(OperationIdNotUnique\)/ }],
  },
  {
    name: "ids that differ only in case",
    document: swagger({ paths: { "/widgets": { get: listWidgets() }, "/gadgets": { get: listWidgets({ operationId: "listWidgets" }) } } }),
    findings: [{ path: ["paths", "/gadgets", "get", "operationId"], message: /already used as 'ListWidgets'/ }],
  },
];
