import type { JsonObject } from "../../connector/json.js";
import { isInputSchema, schemaNodes } from "../../connector/schemas.js";
import { defineRule, type Finding } from "../../rule.js";

const COMPOSITION = ["allOf", "anyOf", "oneOf", "not"] as const;

function typeName(schema: JsonObject): string {
  const type = typeof schema["type"] === "string" ? schema["type"] : "Object";
  return type.charAt(0).toUpperCase() + type.slice(1);
}

export const rule = defineRule({
  id: "pp-schema-keywords",
  description: "Schemas avoid keywords Power Fx and the designer do not support: allOf, anyOf, oneOf, not, x-nullable, and additionalProperties in inputs.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const node of schemaNodes(root)) {
      const { schema, path } = node;
      for (const keyword of COMPOSITION) {
        if (keyword in schema) {
          findings.push({ message: `'${keyword}' is not supported by Power Fx and only partly by the designer: its properties may go missing. Write the properties out in one schema.`, path: [...path, keyword] });
        }
      }
      for (const keyword of ["x-nullable", "nullable"]) {
        if (keyword in schema) {
          findings.push({ message: `'${keyword}' is ignored by Power Platform: a null where the schema says ${typeName(schema)} fails flow schema validation ("Invalid type. Expected ${typeName(schema)} but got Null"). Leave the field out instead of sending null.`, path: [...path, keyword] });
        }
      }
      if ("additionalProperties" in schema && schema["additionalProperties"] !== false && isInputSchema(root, node)) {
        findings.push({ message: "Power Fx cannot pass a body with additionalProperties (a dictionary): declare the properties, or mark the schema x-ms-editor: dictionary for flows only.", path: [...path, "additionalProperties"] });
      }
    }
    return findings;
  },
});
