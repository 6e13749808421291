import { isString } from "../../connector/json.js";
import { parameterDefinitions } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

const MAX_SUMMARY = 80;

export const rule = defineRule({
  id: "pp-parameter-summary",
  description: "Every visible parameter has an x-ms-summary (its label, at most 80 characters) and a description.",
  severity: "warn",
  certification: true,
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, parameter } of parameterDefinitions(root)) {
      // A body's label is never shown: the designer shows the fields of its schema instead.
      if (parameter["x-ms-visibility"] === "internal" || parameter["in"] === "body") continue;
      const name = String(parameter["name"] ?? "?");
      const summary = parameter["x-ms-summary"];
      const missing = [
        ...(isString(summary) && summary.trim() !== "" ? [] : ["'x-ms-summary' (the label makers see)"]),
        ...(isString(parameter["description"]) && parameter["description"].trim() !== "" ? [] : ["'description' (its tooltip)"]),
      ];
      if (missing.length > 0) findings.push({ message: `Parameter '${name}' needs ${missing.join(" and ")}.`, path });
      if (isString(summary) && summary.length > MAX_SUMMARY) {
        findings.push({ message: `The x-ms-summary of '${name}' has ${summary.length} characters; at most ${MAX_SUMMARY}.`, path: [...path, "x-ms-summary"] });
      }
    }
    return findings;
  },
});
