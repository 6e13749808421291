import { operationsOf } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-operation-id-form",
  description: "operationIds use letters, digits and '_' only, so that Power Fx and the designer show them as written.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { operationId, path } of operationsOf(root)) {
      if (operationId === undefined || /^[A-Za-z][A-Za-z0-9_]*$/.test(operationId)) continue;
      const sanitized = operationId.replace(/[^A-Za-z0-9_]/g, "");
      findings.push({ message: `operationId '${operationId}' has characters the platform strips (OperationIdSanitized): Power Fx would call it '${sanitized}'. Use letters, digits and '_' only, e.g. '${pascal(operationId)}'.`, path: [...path, "operationId"] });
    }
    return findings;
  },
});

function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}
