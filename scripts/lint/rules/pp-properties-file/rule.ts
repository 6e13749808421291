import { isObject, isString } from "../../connector/json.js";
import { defineRule, type Finding } from "../../rule.js";

const PARAMETER_TYPES = ["string", "securestring", "int", "bool", "gatewaySetting", "oauthSetting"];
// `conduit` is this project's source-only block (sign-in and key choices); `conduit bundle` strips it.
const TOP_LEVEL = ["properties", "$schema", "conduit"];
const PARAMETER_NAME = /^[0-9a-zA-Z_]+(:[0-9a-zA-Z_]+)?$/;

export const rule = defineRule({
  id: "pp-properties-file",
  description: "apiProperties has only 'properties', a #RRGGBB iconBrandColor, and connection parameters of known types.",
  severity: "error",
  document: "apiProperties",
  given: "$",
  check(root) {
    if (!isObject(root)) return [];
    const findings: Finding[] = [];
    for (const key of Object.keys(root)) {
      if (!TOP_LEVEL.includes(key)) findings.push({ message: `'${key}' is not allowed at the top of apiProperties: everything goes under 'properties'.`, path: [key] });
    }
    const properties = root["properties"];
    if (!isObject(properties)) return findings;
    const color = properties["iconBrandColor"];
    if (color === undefined) findings.push({ message: "'iconBrandColor' is required: the background colour of the connector's icon, as #RRGGBB.", path: ["properties"] });
    else if (!isString(color) || !/^#[0-9a-fA-F]{6}$/.test(color)) findings.push({ message: `iconBrandColor must be a #RRGGBB colour, not ${JSON.stringify(color)}.`, path: ["properties", "iconBrandColor"] });
    const parameters = properties["connectionParameters"];
    if (isObject(parameters)) {
      for (const [name, parameter] of Object.entries(parameters)) {
        const at = ["properties", "connectionParameters", name];
        if (!PARAMETER_NAME.test(name)) findings.push({ message: `Connection parameter name '${name}' may hold only letters, digits and '_' (or 'name:sub').`, path: at });
        if (!isObject(parameter)) continue;
        if (!PARAMETER_TYPES.includes(String(parameter["type"]))) {
          findings.push({ message: `Connection parameter type ${JSON.stringify(parameter["type"])} is not one of ${PARAMETER_TYPES.join(", ")}.`, path: [...at, "type"] });
        }
      }
    }
    const capabilities = properties["capabilities"];
    if (capabilities !== undefined && (!Array.isArray(capabilities) || !capabilities.every(isString))) {
      findings.push({ message: "capabilities must be a list of strings, usually [].", path: ["properties", "capabilities"] });
    }
    return findings;
  },
});
