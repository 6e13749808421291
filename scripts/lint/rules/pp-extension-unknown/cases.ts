import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const operation = (extra: Record<string, unknown>) => swagger({ paths: { "/widgets": { get: listWidgets(extra) } } });
const at = (key: string) => ["paths", "/widgets", "get", key];

export const cases: RuleCase[] = [
  { name: "known extensions pass", document: operation({ "x-ms-visibility": "important", "x-ms-require-user-confirmation": true }), findings: [] },
  { name: "a vendor extension of another prefix passes", document: operation({ "x-example": 1 }), findings: [] },
  { name: "a typo", document: operation({ "x-ms-visbility": "important" }), findings: [{ path: at("x-ms-visbility"), message: /did you mean 'x-ms-visibility'/ }] },
  { name: "the wrong case", document: operation({ "x-ms-Summary": "List" }), findings: [{ path: at("x-ms-Summary"), message: /case-sensitive: write 'x-ms-summary'/ }] },
  { name: "an AutoRest extension", document: operation({ "x-ms-long-running-operation": true }), findings: [{ path: at("x-ms-long-running-operation"), message: /not a Power Platform extension/ }] },
  {
    name: "inside a schema",
    document: swagger({ definitions: { W: { type: "object", properties: { a: { type: "string", "x-ms-sumary": "A" } } } } }),
    findings: [{ path: ["definitions", "W", "properties", "a", "x-ms-sumary"], message: /did you mean 'x-ms-summary'/ }],
  },
];
