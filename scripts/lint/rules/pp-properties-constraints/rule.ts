import { isObject } from "../../connector/json.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-properties-constraints",
  description: "A connection parameter's uiDefinition.constraints required and hidden are the strings \"true\" and \"false\".",
  severity: "warn",
  document: "apiProperties",
  given: "$",
  check(root) {
    if (!isObject(root) || !isObject(root["properties"])) return [];
    const parameters = root["properties"]["connectionParameters"];
    if (!isObject(parameters)) return [];
    const findings: Finding[] = [];
    for (const [name, parameter] of Object.entries(parameters)) {
      if (!isObject(parameter) || !isObject(parameter["uiDefinition"])) continue;
      const constraints = parameter["uiDefinition"]["constraints"];
      if (!isObject(constraints)) continue;
      for (const flag of ["required", "hidden"]) {
        const value = constraints[flag];
        if (value === undefined || value === "true" || value === "false") continue;
        findings.push({
          message: `constraints.${flag} is ${JSON.stringify(value)}; Microsoft's schema asks for the string "true" or "false". Accepted connectors write booleans and the platform reads them; tools that follow the schema do not.`,
          path: ["properties", "connectionParameters", name, "uiDefinition", "constraints", flag],
        });
      }
    }
    return findings;
  },
});
