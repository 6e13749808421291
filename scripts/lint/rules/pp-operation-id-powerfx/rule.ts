import { operationsOf } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

/** Power Fx's function name for an operationId: only [A-Za-z0-9] kept, and `_` before a leading digit. */
export function powerFxFunctionName(operationId: string): string {
  const kept = operationId.replace(/[^A-Za-z0-9]/g, "");
  return /^[0-9]/.test(kept) ? `_${kept}` : kept;
}

export const rule = defineRule({
  id: "pp-operation-id-powerfx",
  description: "No two operationIds become the same Power Fx function name.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    const byName = new Map<string, string>();
    for (const operation of operationsOf(root)) {
      const id = operation.operationId;
      if (id === undefined) continue;
      const name = powerFxFunctionName(id);
      const first = byName.get(name);
      // The same operationId twice is pp-operation-id's (an error).
      if (first !== undefined && first.toLowerCase() !== id.toLowerCase()) {
        findings.push({
          message: `operationId '${id}' becomes the Power Fx function ${name || "(empty)"}, as '${first}' does: canvas apps can call only one of them. Rename one (letters and digits only).`,
          path: [...operation.path, "operationId"],
        });
      }
      if (first === undefined) byName.set(name, id);
    }
    return findings;
  },
});
