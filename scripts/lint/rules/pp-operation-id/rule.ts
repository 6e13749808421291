import { operationsOf } from "../../connector/operations.js";
import { closest } from "../../connector/text.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-operation-id",
  description: "Every operation has an operationId, unique in the definition regardless of case.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    const first = new Map<string, string>();
    for (const operation of operationsOf(root)) {
      const id = operation.operationId;
      if (id === undefined || id.trim() === "") {
        // `operationID:` is one mistake, which pp-oas2-schema names with the fix ("did you mean operationId?").
        if (id === undefined && Object.keys(operation.operation).some((key) => key !== "operationId" && closest(key, ["operationId"]) !== undefined)) continue;
        findings.push({ message: `${operation.method.toUpperCase()} ${operation.template} needs an operationId: it names the action in flows and the function in Power Fx (OperationIdRequired).`, path: "operationId" in operation.operation ? [...operation.path, "operationId"] : operation.path });
        continue;
      }
      const previous = first.get(id.toLowerCase());
      if (previous === undefined) first.set(id.toLowerCase(), id);
      else findings.push({ message: `operationId '${id}' is already used${previous === id ? "" : ` as '${previous}' (operationIds are compared without case)`} (OperationIdNotUnique).`, path: [...operation.path, "operationId"] });
    }
    return findings;
  },
});
