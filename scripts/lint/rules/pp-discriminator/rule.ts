import { isObject, isString } from "../../connector/json.js";
import { schemaNodes } from "../../connector/schemas.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-discriminator",
  description: "A discriminator names a required string property of its schema.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const node of schemaNodes(root)) {
      if (!("discriminator" in node.schema)) continue;
      const name = node.schema["discriminator"];
      const at = [...node.path, "discriminator"];
      const properties = node.schema["properties"];
      const property = isString(name) && isObject(properties) ? properties[name] : undefined;
      const required = node.schema["required"];
      if (!isString(name) || !isObject(property)) {
        findings.push({ message: `The discriminator ${JSON.stringify(name)} must name a property of this schema.`, path: at });
      } else if (!Array.isArray(required) || !required.includes(name)) {
        findings.push({ message: `The discriminator '${name}' must be listed in 'required'.`, path: at });
      } else if (!("$ref" in property) && property["type"] !== "string") {
        findings.push({ message: `The discriminator '${name}' must be a string property.`, path: at });
      }
    }
    return findings;
  },
});
