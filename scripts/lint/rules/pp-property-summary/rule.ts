import { isInputSchema, isOutputSchema, schemaNodes, type SchemaNode } from "../../connector/schemas.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-property-summary",
  description: "Every property of an input or output schema has an x-ms-summary, the label the designer shows.",
  severity: "info",
  document: "swagger",
  given: "$",
  check(root) {
    // One finding per object, naming its unlabelled properties: a large connector has thousands of them.
    const unlabelled = new Map<SchemaNode, string[]>();
    for (const node of schemaNodes(root)) {
      if (node.role !== "property" || node.parent === undefined || "x-ms-summary" in node.schema || "$ref" in node.schema) continue;
      if (node.schema["x-ms-visibility"] === "internal" || node.schema["x-ms-notification-url"] === true) continue;
      if (!isInputSchema(root, node) && !isOutputSchema(root, node)) continue;
      const names = unlabelled.get(node.parent) ?? [];
      names.push(node.property ?? "?");
      unlabelled.set(node.parent, names);
    }
    const findings: Finding[] = [];
    for (const [parent, names] of unlabelled) {
      const list = names.length > 5 ? `${names.slice(0, 5).join(", ")} and ${names.length - 5} more` : names.join(", ");
      findings.push({
        message: `${names.length === 1 ? "Property" : `${names.length} properties`} without x-ms-summary (${list}): the designer shows the raw name. Give each a label in Title Case, at most 80 characters.`,
        path: [...parent.path, "properties"],
      });
    }
    return findings;
  },
});
