import { isString } from "../../connector/json.js";
import { operationReferences } from "../../connector/dynamic.js";
import { operationsById } from "../../connector/operations.js";
import { closest } from "../../connector/text.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-dynamic-operation",
  description: "Extensions that call another operation (dynamic values, lists, schemas, properties, trees, notifications, test connection) name one that exists.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    const byId = operationsById(root);
    for (const reference of operationReferences(root)) {
      const { value, path, extension, operationId } = reference;
      if (extension === "x-ms-dynamic-values" && operationId === undefined && (isString(value["builtInOperation"]) || isString(value["capability"]))) continue;
      if (operationId === undefined) {
        findings.push({ message: `${extension} needs an 'operationId' naming the operation to call${extension === "x-ms-dynamic-values" ? " (or a builtInOperation or capability)" : ""}.`, path });
        continue;
      }
      if (byId.has(operationId)) continue;
      const suggestion = closest(operationId, [...byId.keys()]);
      findings.push({ message: `${extension} calls operation '${operationId}', which this definition does not have${suggestion ? `: did you mean '${suggestion}'?` : "."}`, path: [...path, "operationId"] });
    }
    return findings;
  },
});
