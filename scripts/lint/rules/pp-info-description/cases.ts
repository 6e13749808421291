import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

const info = swagger()["info"] as Record<string, unknown>;
const described = (description: unknown) => swagger({ info: { ...info, description } });
const { description: _omitted, ...undescribed } = info;

export const cases: RuleCase[] = [
  { name: "a sentence of the right length passes", document: swagger(), findings: [] },
  { name: "missing", document: swagger({ info: undescribed }), findings: [{ path: ["info"], message: /'description' property is required/ }] },
  { name: "empty", document: described(""), findings: [{ path: ["info", "description"], message: /is required/ }] },
  { name: "29 characters is too short", document: described("x".repeat(29)), findings: [{ path: ["info", "description"], message: /between '30' and '500'/ }] },
  { name: "501 characters is too long", document: described("x".repeat(501)), findings: [{ path: ["info", "description"], message: /it has 501/ }] },
  { name: "a product name", document: described("Use the widget service from Power Automate and elsewhere."), findings: [{ path: ["info", "description"], message: /'Power Automate'/ }] },
];
