import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const query = (extra: Record<string, unknown>) => swagger({ paths: { "/widgets": { get: listWidgets({ parameters: [{ name: "top", in: "query", ...extra }] }) } } });
const at = ["paths", "/widgets", "get", "parameters", 0, "default"];

export const cases: RuleCase[] = [
  { name: "an integer default passes", document: query({ type: "integer", default: 50 }), findings: [] },
  { name: "an integer is a number", document: query({ type: "number", default: 5 }), findings: [] },
  { name: "a default in the enum passes", document: query({ type: "string", enum: ["a", "b"], default: "a" }), findings: [] },
  { name: "a string default for an integer", document: query({ type: "integer", default: "50" }), findings: [{ path: at, message: /is string, but the type is integer/ }] },
  { name: "a fraction for an integer", document: query({ type: "integer", default: 2.5 }), findings: [{ path: at, message: /DefaultValueMustMatchType/ }] },
  { name: "a default outside the enum", document: query({ type: "string", enum: ["a", "b"], default: "c" }), findings: [{ path: at, message: /not one of the enum's values/ }] },
  {
    name: "in a schema property",
    document: swagger({ definitions: { W: { type: "object", properties: { on: { type: "boolean", default: "true" } } } } }),
    findings: [{ path: ["definitions", "W", "properties", "on", "default"] }],
  },
];
