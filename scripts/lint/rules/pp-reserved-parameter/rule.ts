import { parameterDefinitions } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

const RESERVED = ["connectionId"];

export const rule = defineRule({
  id: "pp-reserved-parameter",
  description: "No parameter is named connectionId, which the platform reserves.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, parameter } of parameterDefinitions(root)) {
      const name = parameter["name"];
      if (typeof name === "string" && RESERVED.some((r) => r.toLowerCase() === name.toLowerCase())) {
        findings.push({ message: `'${name}' is reserved for the platform's connection (ConnectionIdParameterNotAllowed): give the parameter another name.`, path: [...path, "name"] });
      }
    }
    return findings;
  },
});
