import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const withQuery = (extra: Record<string, unknown>) =>
  swagger({ paths: { "/widgets": { get: listWidgets({ parameters: [{ name: "top", in: "query", type: "integer", ...extra }] }) } } });
const at = ["paths", "/widgets", "get", "parameters", 0];

export const cases: RuleCase[] = [
  { name: "label and description pass", document: withQuery({ "x-ms-summary": "Top", description: "How many to return." }), findings: [] },
  { name: "an internal parameter passes", document: withQuery({ "x-ms-visibility": "internal", required: true, default: 5 }), findings: [] },
  { name: "neither", document: withQuery({}), findings: [{ path: at, message: /'x-ms-summary' \(the label makers see\) and 'description'/ }] },
  { name: "no description", document: withQuery({ "x-ms-summary": "Top" }), findings: [{ path: at, message: /needs 'description'/ }] },
  { name: "a long label", document: withQuery({ "x-ms-summary": "T".repeat(81), description: "How many." }), findings: [{ path: [...at, "x-ms-summary"], message: /81 characters/ }] },
];
