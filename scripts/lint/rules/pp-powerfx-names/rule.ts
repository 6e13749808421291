import { isObject, type JsonObject } from "../../connector/json.js";
import { bodyOf, operationsOf } from "../../connector/operations.js";
import { follow } from "../../connector/refs.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-powerfx-names",
  description: "No parameter shares its name with a top-level body property: Power Fx flattens the body into the call and renames one of them.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    const reported = new Set<string>();
    for (const operation of operationsOf(root)) {
      const body = bodyOf(operation);
      if (!body) continue;
      const names = flattenedNames(root, body.parameter, body.name ?? "body");
      for (const parameter of operation.parameters) {
        if (parameter.in === "body" || parameter.name === undefined || !names.has(parameter.name)) continue;
        const key = `${JSON.stringify(operation.path)} ${parameter.name}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const binding = parameter.in === "path" ? " Azure Functions also overwrites a body field with the route value of the same name." : "";
        findings.push({
          message: `${parameter.in} parameter '${parameter.name}' has the name of a body property of ${operation.operationId ?? "this operation"} (OperationParameterNameIsAmbiguous): Power Fx passes the body's properties as arguments too, and renames one of them '${parameter.name}_1'.${binding}`,
          path: parameter.path,
        });
      }
    }
    return findings;
  },
});

/** The argument names Power Fx makes of a body: its top-level properties, or the body's own name. */
function flattenedNames(root: unknown, body: JsonObject, bodyName: string): Set<string> {
  const schema = isObject(body["schema"]) ? follow(root, body["schema"], [])?.value : undefined;
  if (isObject(schema) && isObject(schema["properties"])) return new Set(Object.keys(schema["properties"]));
  return new Set([bodyName]);
}
