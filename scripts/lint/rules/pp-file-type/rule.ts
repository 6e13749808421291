import { parameterDefinitions } from "../../connector/operations.js";
import { schemaNodes } from "../../connector/schemas.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-file-type",
  description: "type: file appears only on formData parameters and as a whole response schema.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, parameter } of parameterDefinitions(root)) {
      if (parameter["type"] === "file" && parameter["in"] !== "formData") {
        findings.push({ message: `A ${String(parameter["in"])} parameter cannot be type: file (FileParameterMustBeInFormData): use formData, or a body with type: string, format: binary.`, path: [...path, "type"] });
      }
    }
    for (const node of schemaNodes(root)) {
      if (node.schema["type"] !== "file") continue;
      if (node.role === "response") continue;
      findings.push({ message: "type: file is allowed only as a whole response schema (SchemaTypeFileNotValid): use type: string, format: binary here.", path: [...node.path, "type"] });
    }
    return findings;
  },
});
