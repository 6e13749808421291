import { isString } from "../../connector/json.js";
import { operationsOf } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-operation-description",
  description: "Every operation has a description, and it says more than the summary.",
  severity: "warn",
  certification: true,
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { operation, path } of operationsOf(root)) {
      const description = operation["description"];
      if (!isString(description) || description.trim() === "") {
        findings.push({ message: "The 'description' property is required: a full sentence on what the operation does.", path: isString(description) ? [...path, "description"] : path });
      } else if (isString(operation["summary"]) && normalize(description) === normalize(operation["summary"])) {
        findings.push({ message: "The description repeats the summary: say what the operation does, in a full sentence.", path: [...path, "description"] });
      }
    }
    return findings;
  },
});

function normalize(text: string): string {
  return text.trim().replace(/[.\s]+$/, "").toLowerCase();
}
