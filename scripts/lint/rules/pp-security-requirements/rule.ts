import { isObject, isString, type JsonObject, type JsonPath } from "../../connector/json.js";
import { operationsOf } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-security-requirements",
  description: "Security requirements list no scopes for apiKey and basic schemes.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root)) return [];
    const schemes = isObject(root["securityDefinitions"]) ? root["securityDefinitions"] : {};
    const findings: Finding[] = [];
    const checkList = (list: unknown, path: JsonPath): void => {
      if (!Array.isArray(list)) return;
      list.forEach((requirement: unknown, i) => {
        if (!isObject(requirement)) return;
        for (const [name, scopes] of Object.entries(requirement)) {
          const scheme = schemes[name];
          if (!isObject(scheme) || !Array.isArray(scopes)) continue;
          findings.push(...checkScopes(name, scheme, scopes, [...path, i, name]));
        }
      });
    };
    checkList(root["security"], ["security"]);
    for (const operation of operationsOf(root)) checkList(operation.operation["security"], [...operation.path, "security"]);
    return findings;
  },
});

function checkScopes(name: string, scheme: JsonObject, scopes: unknown[], path: JsonPath): Finding[] {
  // OAuth scopes are pp-oauth-scopes'.
  if (scheme["type"] === "oauth2" || scopes.length === 0) return [];
  return [{ message: `'${name}' is ${String(scheme["type"])}, which has no scopes: its requirement must be [] (SecurityRequirementMustHaveEmptyValue).`, path }];
}
