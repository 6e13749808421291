import { isObject } from "../../connector/json.js";
import { operationsOf } from "../../connector/operations.js";
import { producesOf, responsesOf } from "../../connector/responses.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-response-examples",
  description: "Response examples are keyed by a MIME type the operation produces.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    const reported = new Set<string>();
    for (const operation of operationsOf(root)) {
      const produces = producesOf(root, operation).map((type) => type.split(";")[0]!.trim().toLowerCase());
      for (const { definitionPath, response } of responsesOf(root, operation)) {
        const examples = response["examples"];
        if (!isObject(examples)) continue;
        for (const key of Object.keys(examples)) {
          const type = key.split(";")[0]!.trim().toLowerCase();
          if (produces.includes(type)) continue;
          const path = [...definitionPath, "examples", key];
          if (reported.has(JSON.stringify(path))) continue;
          reported.add(JSON.stringify(path));
          const why = /^[\w.+-]+\/[\w.+*-]+$/.test(type)
            ? `the operation produces ${produces.length > 0 ? produces.join(", ") : "no MIME type"}`
            : "examples are keyed by MIME type (e.g. application/json), not by name";
          findings.push({ message: `The response example '${key}' is not produced by the operation: ${why} (ResponseExampleMustBeProducedByOperation).`, path });
        }
      }
    }
    return findings;
  },
});
