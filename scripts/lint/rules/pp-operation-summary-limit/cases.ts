import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const summarized = (summary: string) => swagger({ paths: { "/widgets": { get: listWidgets({ summary }) } } });

export const cases: RuleCase[] = [
  { name: "119 characters pass this rule", document: summarized("L".repeat(119)), findings: [] },
  { name: "120 characters", document: summarized("L".repeat(120)), findings: [{ path: ["paths", "/widgets", "get", "summary"], message: /OperationSummaryTooLong/ }] },
];
