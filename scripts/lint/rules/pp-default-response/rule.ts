import { operationsOf } from "../../connector/operations.js";
import { responsesOf } from "../../connector/responses.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-default-response",
  description: "The default response carries no schema; outputs come from the success response.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    const reported = new Set<string>();
    for (const operation of operationsOf(root)) {
      for (const { code, definitionPath, response } of responsesOf(root, operation)) {
        if (code !== "default" || !("schema" in response)) continue;
        const path = [...definitionPath, "schema"];
        if (reported.has(JSON.stringify(path))) continue;
        reported.add(JSON.stringify(path));
        findings.push({ message: "The 'default' response has a schema (DefaultResponseHasSchema): the designer takes outputs from the success response, so describe them there.", path });
      }
    }
    return findings;
  },
});
