import { parameterDefinitions } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-parameter-example",
  description: "Non-body parameters carry no 'example'; sample values go in x-ms-test-value.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, parameter } of parameterDefinitions(root)) {
      if (parameter["in"] === "body" || !("example" in parameter)) continue;
      findings.push({ message: `'example' is not a field of a ${String(parameter["in"])} parameter in Swagger 2.0, so the platform ignores it: use x-ms-test-value for a sample, or default for a real default.`, path: [...path, "example"] });
    }
    return findings;
  },
});
