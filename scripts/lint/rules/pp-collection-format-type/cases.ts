import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const withParameter = (extra: Record<string, unknown>) =>
  swagger({ paths: { "/widgets": { get: listWidgets({ parameters: [{ name: "tags", in: "query", type: "array", items: { type: "string" }, ...extra }] }) } } });
const at = ["paths", "/widgets", "get", "parameters", 0, "collectionFormat"];

export const cases: RuleCase[] = [
  { name: "on an array passes", document: withParameter({ collectionFormat: "csv" }), findings: [] },
  { name: "on a string", document: withParameter({ type: "string", items: undefined, collectionFormat: "csv" }), findings: [{ path: at, message: /on this string parameter it does nothing/ }] },
];
