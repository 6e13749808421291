import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const operation = (extra: Record<string, unknown>) => swagger({ paths: { "/widgets": { get: listWidgets(extra) } } });
const at = ["paths", "/widgets", "get", "x-ms-trigger"];

export const cases: RuleCase[] = [
  { name: "single passes", document: operation({ "x-ms-trigger": "single" }), findings: [] },
  { name: "batch passes", document: operation({ "x-ms-trigger": "batch" }), findings: [] },
  { name: "an action passes", document: operation({}), findings: [] },
  { name: "polling", document: operation({ "x-ms-trigger": "polling" }), findings: [{ path: at, message: /'single' \(one item per run\) or 'batch'/ }] },
  { name: "Single in capitals", document: operation({ "x-ms-trigger": "Single" }), findings: [{ path: at, message: /lower case: 'single'/ }] },
];
