import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

const pet = (extra: Record<string, unknown>) => swagger({ definitions: { Pet: { type: "object", discriminator: "kind", properties: { kind: { type: "string" } }, required: ["kind"], ...extra } } });
const at = ["definitions", "Pet", "discriminator"];

export const cases: RuleCase[] = [
  { name: "a required string property passes", document: pet({}), findings: [] },
  { name: "not a property", document: pet({ discriminator: "type" }), findings: [{ path: at, message: /must name a property/ }] },
  { name: "not required", document: pet({ required: undefined }), findings: [{ path: at, message: /listed in 'required'/ }] },
  { name: "not a string", document: pet({ properties: { kind: { type: "integer" } } }), findings: [{ path: at, message: /string property/ }] },
];
