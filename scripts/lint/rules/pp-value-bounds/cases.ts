import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

const value = (extra: Record<string, unknown>) => swagger({ definitions: { V: { type: "integer", ...extra } } });

export const cases: RuleCase[] = [
  { name: "consistent bounds pass", document: value({ minimum: 1, maximum: 200, multipleOf: 1 }), findings: [] },
  { name: "a valid pattern passes", document: swagger({ definitions: { V: { type: "string", pattern: "^[A-Z]{2}\\d+$" } } }), findings: [] },
  { name: "minimum above maximum", document: value({ minimum: 10, maximum: 1 }), findings: [{ path: ["definitions", "V", "minimum"], message: /minimum 10 is greater than maximum 1/ }] },
  { name: "minLength above maxLength", document: swagger({ definitions: { V: { type: "string", minLength: 5, maxLength: 2 } } }), findings: [{ path: ["definitions", "V", "minLength"] }] },
  { name: "exclusiveMaximum alone", document: value({ exclusiveMaximum: true }), findings: [{ path: ["definitions", "V", "exclusiveMaximum"], message: /needs a maximum/ }] },
  { name: "an invalid pattern", document: swagger({ definitions: { V: { type: "string", pattern: "([a-z]" } } }), findings: [{ path: ["definitions", "V", "pattern"], message: /not a valid \.NET regular expression/ }] },
  ...[
    "^[\\w\\-\\.]+@[\\w\\-]+\\.[a-z]{2,}$",
    "(?i)^widget-\\d+$",
    "^(?<year>\\d{4})-\\k<year>$",
    "^[a-z-[aeiou]]+$",
    "^\\p{Lu}\\p{L}*$",
    "(?>\\d+)\\#x{",
    "\\A\\d+\\z",
  ].map((pattern) => ({ name: `.NET takes ${pattern}`, document: swagger({ definitions: { V: { type: "string", pattern } } }), findings: [] })),
  ...[
    ["\\_id", /Unrecognized escape sequence \\_/],
    ["^\\x1$", /Insufficient hex digits/],
    ["(a)\\2", /undefined group number 2/],
    ["(?P<name>a)", /Unrecognized grouping construct/],
  ].map(([pattern, message]) => ({ name: `.NET refuses ${String(pattern)}`, document: swagger({ definitions: { V: { type: "string", pattern } } }), findings: [{ path: ["definitions", "V", "pattern"], message: message as RegExp }] })),
];
