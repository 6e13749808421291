import { operationsOf } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-path-parameters",
  description: "Each {variable} of a path is an in: path parameter of every operation under it, required, and each path parameter is in the template.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    const reported = new Set<string>();
    const once = (finding: Finding): void => {
      const key = `${JSON.stringify(finding.path)}\u0000${finding.message}`;
      if (!reported.has(key)) findings.push(finding), reported.add(key);
    };
    for (const operation of operationsOf(root)) {
      const variables = [...operation.template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
      const declared = operation.parameters.filter((p) => p.in === "path");
      for (const parameter of declared) {
        if (parameter.name === undefined) continue;
        if (!variables.includes(parameter.name)) {
          once({ message: `Path parameter '${parameter.name}' is not in the path '${operation.template}' (PathParameterNotDefinedInTemplate).`, path: parameter.path });
        }
        if (parameter.parameter["required"] !== true) {
          once({ message: `Path parameter '${parameter.name}' must be required: true (PathParameterMustBeRequired).`, path: "required" in parameter.parameter ? [...parameter.definitionPath, "required"] : parameter.definitionPath });
        }
      }
      for (const variable of variables) {
        if (declared.some((p) => p.name === variable)) continue;
        once({ message: `${operation.method.toUpperCase()} ${operation.template} does not declare the path parameter '${variable}' (OperationMissingPathParameter).`, path: operation.path });
      }
    }
    return findings;
  },
});
