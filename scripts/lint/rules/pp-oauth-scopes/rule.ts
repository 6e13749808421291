import { isObject, isString, type JsonPath } from "../../connector/json.js";
import { operationsOf } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-oauth-scopes",
  description: "OAuth security requirements list only scopes their scheme declares.",
  severity: "warn",
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
          if (!isObject(scheme) || scheme["type"] !== "oauth2" || !Array.isArray(scopes)) continue;
          const defined = isObject(scheme["scopes"]) ? Object.keys(scheme["scopes"]) : [];
          scopes.forEach((scope: unknown, j) => {
            if (isString(scope) && defined.includes(scope)) return;
            findings.push({
              message: `Scope ${JSON.stringify(scope)} is not among the scopes of '${name}': documented as OAuthSecurityRequirementValueMustBeScopeName; accepted connectors have it. Declare it under securityDefinitions.${name}.scopes.`,
              path: [...path, i, name, j],
            });
          });
        }
      });
    };
    checkList(root["security"], ["security"]);
    for (const operation of operationsOf(root)) checkList(operation.operation["security"], [...operation.path, "security"]);
    return findings;
  },
});
