import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const withParameter = (extra: Record<string, unknown>) =>
  swagger({ paths: { "/widgets": { get: listWidgets({ parameters: [{ name: "tags", in: "query", type: "array", items: { type: "string" }, ...extra }] }) } } });
const at = ["paths", "/widgets", "get", "parameters", 0, "collectionFormat"];

export const cases: RuleCase[] = [
  { name: "csv passes", document: withParameter({ collectionFormat: "csv" }), findings: [] },
  { name: "multi on a query passes", document: withParameter({ collectionFormat: "multi" }), findings: [] },
  { name: "an unknown format", document: withParameter({ collectionFormat: "json" }), findings: [{ path: at, message: /CollectionFormatValueNotSupported/ }] },
  { name: "multi on a header", document: withParameter({ in: "header", collectionFormat: "multi" }), findings: [{ path: at, message: /header parameter cannot use it/ }] },
  { name: "on a string is pp-collection-format-type's", document: withParameter({ type: "string", items: undefined, collectionFormat: "csv" }), findings: [] },
];
