import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

const property = (type: string, format: string) => swagger({ definitions: { W: { type: "object", properties: { p: { type, format } } } } });
const at = ["definitions", "W", "properties", "p", "format"];

export const cases: RuleCase[] = [
  { name: "date-time on a string passes", document: property("string", "date-time"), findings: [] },
  { name: "int64 on an integer passes", document: property("integer", "int64"), findings: [] },
  { name: "guid", document: property("string", "guid"), findings: [{ path: at, message: /format 'guid' is not recognised for type string/ }] },
  { name: "a typo", document: property("string", "datetime"), findings: [{ path: at, message: /did you mean 'date-time'/ }] },
  { name: "a number format on a string", document: property("string", "double"), findings: [{ path: at, message: /it is a format of number/ }] },
];
