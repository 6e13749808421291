import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const query = (extra: Record<string, unknown>) => swagger({ paths: { "/widgets": { get: listWidgets({ parameters: [{ name: "top", in: "query", ...extra }] }) } } });
const at = ["paths", "/widgets", "get", "parameters", 0, "default"];

export const cases: RuleCase[] = [
  { name: "an integer default passes", document: query({ type: "integer", default: 50 }), findings: [] },
  { name: "an integer is a number", document: query({ type: "number", default: 5 }), findings: [] },
  { name: "a string that converts is pp-default-value-string's", document: query({ type: "integer", default: "50" }), findings: [] },
  { name: "a word for an integer", document: query({ type: "integer", default: "fifty" }), findings: [{ path: at, message: /is string, but the type is integer, and it does not convert/ }] },
  { name: "a fraction for an integer", document: query({ type: "integer", default: 2.5 }), findings: [{ path: at, message: /DefaultValueMustMatchType/ }] },
  { name: "a number for a string", document: query({ type: "string", default: 5 }), findings: [{ path: at }] },
  {
    name: "in a schema property",
    document: swagger({ definitions: { W: { type: "object", properties: { on: { type: "boolean", default: "yes" } } } } }),
    findings: [{ path: ["definitions", "W", "properties", "on", "default"] }],
  },
];
