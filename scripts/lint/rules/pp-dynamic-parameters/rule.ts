import { isObject, isString, type JsonObject } from "../../connector/json.js";
import { operationReferences } from "../../connector/dynamic.js";
import { operationsById, type Operation } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-dynamic-parameters",
  description: "A dynamic extension passes parameters the called operation has, every required one of them, from parameters that exist.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    const byId = operationsById(root);
    for (const reference of operationReferences(root)) {
      const target = reference.operationId === undefined ? undefined : byId.get(reference.operationId)?.[0];
      if (!target) continue;
      const given = isObject(reference.value["parameters"]) ? reference.value["parameters"] : {};
      const at = [...reference.path, "parameters"];
      const takesBody = target.parameters.some((p) => p.in === "body");
      for (const [name, source] of Object.entries(given)) {
        if (!takesBody && !target.parameters.some((p) => p.name === name)) {
          findings.push({ message: `'${target.operationId ?? "?"}' has no parameter '${name}', so the value is not sent.`, path: [...at, name] });
        }
        const from = referencedName(source);
        if (from !== undefined && reference.within && !hasInput(reference.within, from)) {
          findings.push({ message: `'${from}' is not a parameter of this operation, so '${name}' is sent empty.`, path: [...at, name] });
        }
      }
      for (const parameter of target.parameters) {
        if (parameter.parameter["required"] !== true || parameter.in === "body" || parameter.name === undefined || parameter.name in given) continue;
        if ("default" in parameter.parameter) continue;
        findings.push({ message: `'${target.operationId ?? "?"}' requires '${parameter.name}', which ${reference.extension} does not pass: the call fails in the designer.`, path: at.slice(0, -1) });
      }
    }
    return findings;
  },
});

/** The parameter a dynamic value reads from: {parameter: "x"} or {parameterReference: "x"}. */
function referencedName(source: unknown): string | undefined {
  if (!isObject(source)) return undefined;
  const name = source["parameter"] ?? source["parameterReference"];
  return isString(name) ? name : undefined;
}

/** Whether the operation has an input by this name: a parameter, or a body property ("body/prop" or "prop"). */
function hasInput(operation: Operation, name: string): boolean {
  if (operation.parameters.some((p) => p.name === name)) return true;
  const body = operation.parameters.find((p) => p.in === "body");
  if (!body) return false;
  // Body property references go through schemas and $refs; only a flat, inline schema can be checked.
  const schema = body.parameter["schema"];
  if (!isObject(schema) || !isObject(schema["properties"])) return true;
  const property = name.replace(/^body\//, "");
  // Nested paths are not judged.
  return property.includes("/") || property in (schema["properties"] as JsonObject);
}
