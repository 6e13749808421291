import { isObject } from "../../connector/json.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-path-duplicates",
  description: "No two paths are the same once case is ignored.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root) || !isObject(root["paths"])) return [];
    const findings: Finding[] = [];
    const byCase = new Map<string, string>();
    for (const template of Object.keys(root["paths"])) {
      if (template.startsWith("x-")) continue;
      const lower = template.toLowerCase();
      const same = byCase.get(lower);
      if (same !== undefined) findings.push({ message: `Path '${template}' is '${same}' again: paths are compared without case (PathRedefined).`, path: ["paths", template] });
      else byCase.set(lower, template);
    }
    return findings;
  },
});
