import { isObject } from "../../connector/json.js";
import { valueAt } from "../../connector/refs.js";
import { operationsOf } from "../../connector/operations.js";
import { isInternal, isSuccess, responsesOf } from "../../connector/responses.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-success-response-schema",
  description: "A visible GET or trigger describes its 200/201 output with a schema that is not empty.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const operation of operationsOf(root)) {
      if (isInternal(operation.operation)) continue;
      const successes = responsesOf(root, operation).filter((r) => isSuccess(r.code));
      for (const { definitionPath, response } of successes) {
        const schema = response["schema"];
        if (isObject(schema) && Object.keys(schema).length === 0) {
          findings.push({ message: "The response schema is empty: makers get no dynamic content from it. Describe the output, or use x-ms-dynamic-schema when it really varies.", path: [...definitionPath, "schema"] });
        }
      }
      // A webhook trigger's outputs are the notification's schema (x-ms-notification-content), not its response's.
      const item = valueAt(root, ["paths", operation.template]);
      const webhook = isObject(item) && "x-ms-notification-content" in item;
      const readsData = operation.method === "get" || ("x-ms-trigger" in operation.operation && !webhook);
      const content = successes.filter((r) => r.code === "200" || r.code === "201");
      if (readsData && content.length > 0 && !successes.some((r) => "schema" in r.response)) {
        findings.push({ message: `${operation.method.toUpperCase()} ${operation.template} returns ${content[0]!.code} without a schema: the designer shows no outputs for it (SchemaDefinitionSetIncorrectly).`, path: content[0]!.path });
      }
    }
    return findings;
  },
});
