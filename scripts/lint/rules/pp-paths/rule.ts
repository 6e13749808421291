import { isObject } from "../../connector/json.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-paths",
  description: "Paths start with '/', have no query, fragment or '*', keep each {variable} inside one segment, and are not $refs.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root) || !isObject(root["paths"])) return [];
    const findings: Finding[] = [];
    for (const [template, item] of Object.entries(root["paths"])) {
      if (template.startsWith("x-")) continue;
      const at = ["paths", template];
      const problem = pathProblem(template);
      if (problem !== undefined) findings.push({ message: `Path '${template}' ${problem}`, path: at });
      if (isObject(item) && "$ref" in item) findings.push({ message: "A path item cannot be a $ref in a connector (PathItemRefNotSuppored): write its operations here.", path: [...at, "$ref"] });
    }
    return findings;
  },
});

function pathProblem(template: string): string | undefined {
  if (!template.startsWith("/")) return "must start with '/' (OperationPathMustStartWithSlash).";
  if (/[?#]/.test(template)) return "must not contain a query or fragment: declare query parameters instead (OperationPathMayNotContainQueryOrFragment).";
  if (template.includes("*")) return "must not contain '*' (OperationPathContainsUnsupportedCharacters).";
  const variables = template.match(/\{[^{}]*\}/g) ?? [];
  const unbalanced = template.replace(/\{[^{}/]*\}/g, "").match(/[{}]/);
  if (unbalanced) return "has a '{' or '}' that does not enclose a variable within one path segment (OperationPathTemplateNotValid).";
  for (const variable of variables) {
    if (variable === "{}") return "has an empty {} variable (OperationPathTemplateNotValid).";
    if (variable.includes("=")) return `gives ${variable} a default value, which path templates cannot have (OperationPathVariablesContainDefaults).`;
  }
  return undefined;
}
