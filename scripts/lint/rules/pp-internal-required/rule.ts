import { parameterDefinitions } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-internal-required",
  description: "A required internal (hidden) parameter has a default.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, parameter } of parameterDefinitions(root)) {
      if (parameter["in"] === "body" || parameter["x-ms-visibility"] !== "internal" || parameter["required"] !== true || "default" in parameter) continue;
      // Power Fx fills the platform's own connectionId itself (and pp-reserved-parameter refuses the name).
      if (parameter["name"] === "connectionId") continue;
      findings.push({
        message: `'${String(parameter["name"] ?? "?")}' is required and internal but has no default: makers cannot see it to fill it in, and Power Fx refuses to call the operation ("Unexpected internal param"). Give it a default, or make it visible.`,
        path,
      });
    }
    return findings;
  },
});
