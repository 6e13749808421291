import { schemaNodes } from "../../connector/schemas.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-binary-string",
  description: "format: binary stands only on a whole body or response schema, not on a property or item.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const node of schemaNodes(root)) {
      if (node.schema["format"] !== "binary" || node.parent === undefined) continue;
      findings.push({ message: "A binary string is allowed only as a whole body or response (InvalidStringBinaryProperty): inside JSON, send file content as format: byte (base64).", path: [...node.path, "format"] });
    }
    return findings;
  },
});
