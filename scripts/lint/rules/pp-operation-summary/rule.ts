import { isString } from "../../connector/json.js";
import { operationsOf } from "../../connector/operations.js";
import { PRODUCT_NAMES, wordsIn } from "../../connector/text.js";
import { defineRule, type Finding } from "../../rule.js";

const MAX_LENGTH = 80;
const RESTRICTED = /[/\\<>*%&?]/;

export const rule = defineRule({
  id: "pp-operation-summary",
  description: "Every operation has a summary of at most 80 characters, without / \\ < > * % & ? or product names, ending in a letter, digit or ')'.",
  severity: "warn",
  certification: true,
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { operation, path, method, template } of operationsOf(root)) {
      const summary = operation["summary"];
      if (!isString(summary) || summary.trim() === "") {
        findings.push({ message: `The 'summary' property is required: it is the action's name in the designer (${method.toUpperCase()} ${template}).`, path: isString(summary) ? [...path, "summary"] : path });
        continue;
      }
      const at = [...path, "summary"];
      if (summary.length > MAX_LENGTH) findings.push({ message: `The summary has ${summary.length} characters; certification allows at most ${MAX_LENGTH}.`, path: at });
      const restricted = summary.match(RESTRICTED);
      if (restricted) findings.push({ message: `The summary contains '${restricted[0]}', a restricted character (RestrictedCharactersInSummary): / \\ < > * % & ? are not allowed.`, path: at });
      if (!/[\p{L}\p{N})]$/u.test(summary)) findings.push({ message: "The summary must end with a letter, a digit or ')': no trailing period or space.", path: at });
      const products = wordsIn(summary, PRODUCT_NAMES);
      if (products.length > 0) findings.push({ message: `The summary contains restricted words: '${products.join(", ")}'.`, path: at });
    }
    return findings;
  },
});
