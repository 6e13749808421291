import { operationsOf } from "../../connector/operations.js";
import { consumesOf } from "../../connector/responses.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-form-data",
  description: "Form fields have US-ASCII names, and a urlencoded form carries no file.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const operation of operationsOf(root)) {
      const fields = operation.parameters.filter((p) => p.in === "formData");
      if (fields.length === 0) continue;
      const consumes = consumesOf(root, operation).map((t) => t.split(";")[0]!.trim().toLowerCase());
      for (const field of fields) {
        if (field.name !== undefined && !/^[\x20-\x7e]+$/.test(field.name)) {
          findings.push({ message: `Form field name '${field.name}' must be US-ASCII (InvalidFormDataParameterName).`, path: [...field.definitionPath, "name"] });
        }
        if (consumes.includes("application/x-www-form-urlencoded") && !consumes.includes("multipart/form-data") && field.parameter["type"] === "file") {
          findings.push({ message: "A urlencoded form cannot carry a file (StringBinaryNotSupportedForFormUrlEncoded): consume multipart/form-data.", path: [...field.definitionPath, "type"] });
        }
      }
    }
    return findings;
  },
});
