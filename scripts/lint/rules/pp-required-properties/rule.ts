import { isObject } from "../../connector/json.js";
import { isInputSchema, schemaNodes } from "../../connector/schemas.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-required-properties",
  description: "A schema's required list is non-empty, names properties it declares, and no required input is readOnly.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const node of schemaNodes(root)) {
      const required = node.schema["required"];
      if (!Array.isArray(required)) continue;
      const at = [...node.path, "required"];
      if (required.length === 0) {
        findings.push({ message: "'required' is empty (RequiredPropertyArrayEmpty): remove it, or list the required properties.", path: at });
        continue;
      }
      const properties = node.schema["properties"];
      // Properties may come from allOf parts; only a schema that lists its own properties can be checked.
      if (!isObject(properties) || "allOf" in node.schema) continue;
      required.forEach((name: unknown, index) => {
        const property = typeof name === "string" ? properties[name] : undefined;
        if (property === undefined) {
          findings.push({ message: `Required property '${String(name)}' is not among the schema's properties (RequiredPropertyDefinitionMissing).`, path: [...at, index] });
        } else if (isObject(property) && property["readOnly"] === true && isInputSchema(root, node)) {
          findings.push({ message: `'${String(name)}' is readOnly, so callers never send it, yet required in an input (RequiredReadOnlyPropertyNotAllowedAsInput).`, path: [...at, index] });
        }
      });
    }
    return findings;
  },
});
