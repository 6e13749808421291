import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const query = (extra: Record<string, unknown>) => swagger({ paths: { "/widgets": { get: listWidgets({ parameters: [{ name: "top", in: "query", ...extra }] }) } } });
const at = ["paths", "/widgets", "get", "parameters", 0, "default"];

export const cases: RuleCase[] = [
  { name: "an integer default passes", document: query({ type: "integer", default: 50 }), findings: [] },
  { name: "a string default on a string passes", document: query({ type: "string", default: "50" }), findings: [] },
  { name: "a word for an integer is pp-default-value's", document: query({ type: "integer", default: "fifty" }), findings: [] },
  { name: "\"50\" for an integer", document: query({ type: "integer", default: "50" }), findings: [{ path: at, message: /documented as DefaultValueMustMatchType; accepted connectors have it, the platform converts the value/ }] },
  { name: "\"1.5\" for a number", document: query({ type: "number", default: "1.5" }), findings: [{ path: at }] },
  {
    name: "\"true\" for a boolean in a schema",
    document: swagger({ definitions: { W: { type: "object", properties: { on: { type: "boolean", default: "true" } } } } }),
    findings: [{ path: ["definitions", "W", "properties", "on", "default"], message: /Write true without quotes/ }],
  },
];
