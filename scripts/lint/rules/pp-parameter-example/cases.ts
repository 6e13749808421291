import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const withQuery = (extra: Record<string, unknown>) =>
  swagger({ paths: { "/widgets": { get: listWidgets({ parameters: [{ name: "q", in: "query", type: "string", ...extra }] }) } } });

export const cases: RuleCase[] = [
  { name: "x-ms-test-value passes", document: withQuery({ "x-ms-test-value": "bolts" }), findings: [] },
  { name: "example on a query parameter", document: withQuery({ example: "bolts" }), findings: [{ path: ["paths", "/widgets", "get", "parameters", 0, "example"], message: /x-ms-test-value/ }] },
];
