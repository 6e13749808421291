import { isObject } from "../../connector/json.js";
import { operationsOf } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-operation-responses",
  description: "Every operation declares at least one response.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const operation of operationsOf(root)) {
      const responses = operation.operation["responses"];
      // A missing `responses` is a Swagger error (pp-oas2-schema); an empty one is what accepted connectors have.
      if (!isObject(responses) || Object.keys(responses).some((code) => !code.startsWith("x-"))) continue;
      findings.push({
        message: "The operation declares no response: documented as OperationMustHaveResponse; accepted connectors have it (webhook registrations), but flows then see no outputs and no status. Declare at least the success response, e.g. 201 with a description.",
        path: [...operation.path, "responses"],
      });
    }
    return findings;
  },
});
