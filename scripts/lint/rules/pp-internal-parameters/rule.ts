import { type JsonObject, type JsonPath } from "../../connector/json.js";
import { parameterDefinitions } from "../../connector/operations.js";
import { isInputSchema, schemaNodes } from "../../connector/schemas.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-internal-parameters",
  description: "An internal (hidden) input is sent only when it is required and has a default: required body properties need a default, optional inputs are ignored.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, parameter } of parameterDefinitions(root)) {
      if (parameter["in"] === "body") continue;
      // A required one without a default is pp-internal-required's (an error): only the optional case here.
      if (parameter["required"] === true) continue;
      findings.push(...checkInput(String(parameter["name"] ?? "?"), parameter, false, path));
    }
    for (const node of schemaNodes(root)) {
      if (node.role !== "property" || !node.parent || !isInputSchema(root, node)) continue;
      const required = node.parent.schema["required"];
      const isRequired = Array.isArray(required) && required.includes(node.property);
      findings.push(...checkInput(node.property ?? "?", node.schema, isRequired, node.path));
    }
    return findings;
  },
});

function checkInput(name: string, input: JsonObject, required: boolean, path: JsonPath): Finding[] {
  // The platform fills a webhook's callback URL itself.
  if (input["x-ms-visibility"] !== "internal" || input["x-ms-notification-url"] === true) return [];
  const hasDefault = "default" in input;
  if (required && !hasDefault) {
    return [{ message: `'${name}' is required and internal but has no default: makers cannot see it to fill it in, so it is never sent. Accepted connectors have such body properties. Give it a default, or make it visible.`, path }];
  }
  if (!required && hasDefault) {
    return [{ message: `'${name}' is internal and optional, so the platform ignores its default and never sends it (InternalPropertyWithDefaultOptional): make it required.`, path }];
  }
  return [];
}
