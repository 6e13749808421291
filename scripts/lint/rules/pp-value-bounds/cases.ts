import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

const value = (extra: Record<string, unknown>) => swagger({ definitions: { V: { type: "integer", ...extra } } });

export const cases: RuleCase[] = [
  { name: "consistent bounds pass", document: value({ minimum: 1, maximum: 200, multipleOf: 1 }), findings: [] },
  { name: "a valid pattern passes", document: swagger({ definitions: { V: { type: "string", pattern: "^[A-Z]{2}\\d+$" } } }), findings: [] },
  { name: "minimum above maximum", document: value({ minimum: 10, maximum: 1 }), findings: [{ path: ["definitions", "V", "minimum"], message: /minimum 10 is greater than maximum 1/ }] },
  { name: "minLength above maxLength", document: swagger({ definitions: { V: { type: "string", minLength: 5, maxLength: 2 } } }), findings: [{ path: ["definitions", "V", "minLength"] }] },
  { name: "exclusiveMaximum alone", document: value({ exclusiveMaximum: true }), findings: [{ path: ["definitions", "V", "exclusiveMaximum"], message: /needs a maximum/ }] },
  { name: "an invalid pattern", document: swagger({ definitions: { V: { type: "string", pattern: "([a-z]" } } }), findings: [{ path: ["definitions", "V", "pattern"], message: /not a valid regular expression/ }] },
];
