import { isObject } from "../../connector/json.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-path-duplicates",
  description: "No two paths are the same once case and variable names are ignored.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root) || !isObject(root["paths"])) return [];
    const findings: Finding[] = [];
    const byCase = new Map<string, string>();
    const byShape = new Map<string, string>();
    for (const template of Object.keys(root["paths"])) {
      if (template.startsWith("x-")) continue;
      const lower = template.toLowerCase();
      const shape = lower.replace(/\{[^{}]*\}/g, "{}").replace(/\/+$/, "");
      const sameCase = byCase.get(lower);
      const sameShape = byShape.get(shape);
      if (sameCase !== undefined) {
        findings.push({ message: `Path '${template}' is '${sameCase}' again: paths are compared without case (PathRedefined).`, path: ["paths", template] });
      } else if (sameShape !== undefined) {
        findings.push({ message: `Path '${template}' matches the same URLs as '${sameShape}': they differ only in variable names or a trailing '/' (DuplicateOperationPath).`, path: ["paths", template] });
      }
      if (sameCase === undefined) byCase.set(lower, template);
      if (sameShape === undefined) byShape.set(shape, template);
    }
    return findings;
  },
});
