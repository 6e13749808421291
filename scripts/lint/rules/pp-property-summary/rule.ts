import { isInputSchema, isOutputSchema, schemaNodes } from "../../connector/schemas.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-property-summary",
  description: "Every property of an input or output schema has an x-ms-summary, the label the designer shows.",
  severity: "info",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const node of schemaNodes(root)) {
      if (node.role !== "property" || "x-ms-summary" in node.schema || "$ref" in node.schema) continue;
      if (node.schema["x-ms-visibility"] === "internal" || node.schema["x-ms-notification-url"] === true) continue;
      if (!isInputSchema(root, node) && !isOutputSchema(root, node)) continue;
      findings.push({ message: `Property '${node.property ?? "?"}' has no x-ms-summary: the designer shows the raw name. Give it a label in Title Case, at most 80 characters.`, path: node.path });
    }
    return findings;
  },
});
