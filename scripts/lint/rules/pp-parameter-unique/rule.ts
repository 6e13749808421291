import { operationsOf, type ParameterUse } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-parameter-unique",
  description: "An operation's parameters are unique by name and location, with at most one body and never body next to formData.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    const reported = new Set<string>();
    const push = (finding: Finding): void => {
      const key = JSON.stringify(finding.path);
      if (!reported.has(key)) findings.push(finding), reported.add(key);
    };
    for (const operation of operationsOf(root)) {
      for (const level of ["path", "operation"] as const) {
        const seen = new Set<string>();
        for (const use of operation.listed.filter((p) => p.level === level)) {
          const key = `${use.in ?? ""} ${(use.name ?? "").toLowerCase()}`;
          if (use.name !== undefined && seen.has(key)) {
            push({ message: `Parameter '${use.name}' (in: ${use.in ?? "?"}) is listed twice (${level === "path" ? "PathParametersContainDuplicateParameter" : "OperationParametersContainDuplicateParameter"}).`, path: use.path });
          }
          seen.add(key);
        }
      }
      const bodies = operation.parameters.filter((p) => p.in === "body");
      bodies.slice(1).forEach((extra: ParameterUse) => push({ message: "An operation takes at most one body parameter (OperationParametersContainMultipleBodyParameters): put the values in one body schema.", path: extra.path }));
      const formData = operation.parameters.find((p) => p.in === "formData");
      if (bodies.length > 0 && formData) {
        push({ message: "An operation cannot take both a body and formData parameters (ParameterListContainsFormDataAndBody).", path: formData.path });
      }
    }
    return findings;
  },
});
