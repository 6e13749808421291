import { isObject } from "../../connector/json.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-path-overlap",
  description: "No two paths match the same URLs once variable names and a trailing '/' are ignored.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root) || !isObject(root["paths"])) return [];
    const findings: Finding[] = [];
    const byCase = new Set<string>();
    const byShape = new Map<string, string>();
    for (const template of Object.keys(root["paths"])) {
      if (template.startsWith("x-")) continue;
      const lower = template.toLowerCase();
      // The same path again, case aside, is pp-path-duplicates' (an error).
      if (byCase.has(lower)) continue;
      byCase.add(lower);
      const shape = lower.replace(/\{[^{}]*\}/g, "{}").replace(/\/+$/, "");
      const same = byShape.get(shape);
      if (same !== undefined) {
        findings.push({
          message: `Path '${template}' matches the same URLs as '${same}': they differ only in variable names or a trailing '/'. Documented as DuplicateOperationPath; accepted connectors have it, but which operation answers a URL is left to chance.`,
          path: ["paths", template],
        });
      } else byShape.set(shape, template);
    }
    return findings;
  },
});
