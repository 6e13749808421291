import { isString } from "../../connector/json.js";
import { operationsOf } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

const LIMIT = 120;

export const rule = defineRule({
  id: "pp-operation-summary-limit",
  description: "Operation summaries are shorter than 120 characters.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { operation, path } of operationsOf(root)) {
      const summary = operation["summary"];
      if (isString(summary) && summary.length >= LIMIT) {
        findings.push({ message: `The summary has ${summary.length} characters; the validator refuses ${LIMIT} or more (OperationSummaryTooLong). Move the detail into 'description'.`, path: [...path, "summary"] });
      }
    }
    return findings;
  },
});
