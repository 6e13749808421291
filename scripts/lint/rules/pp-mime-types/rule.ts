import { isObject, isString, type JsonObject, type JsonPath } from "../../connector/json.js";
import { bodyOf, operationsOf } from "../../connector/operations.js";
import { follow } from "../../connector/refs.js";
import { consumesOf, isSuccess, producesOf, responsesOf } from "../../connector/responses.js";
import { defineRule, type Finding } from "../../rule.js";

const MIME = /^[\w.+*-]+\/[\w.+*-]+(\s*;.*)?$/;

export const rule = defineRule({
  id: "pp-mime-types",
  description: "consumes and produces hold valid MIME types, and a JSON one wherever a body or output is structured.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root)) return [];
    const findings: Finding[] = [];
    const lists: [JsonPath, unknown][] = [[["consumes"], root["consumes"]], [["produces"], root["produces"]]];
    const operations = operationsOf(root);
    for (const operation of operations) for (const key of ["consumes", "produces"]) lists.push([[...operation.path, key], operation.operation[key]]);
    for (const [path, list] of lists) {
      if (!Array.isArray(list)) continue;
      list.forEach((type: unknown, i) => {
        if (!isString(type) || !MIME.test(type.trim())) findings.push({ message: `${JSON.stringify(type)} is not a MIME type (type/subtype) (MimeTypeNotValid).`, path: [...path, i] });
      });
    }
    for (const operation of operations) {
      const body = bodyOf(operation);
      if (body && isStructured(root, body.parameter["schema"]) && lacksJson(consumesOf(root, operation))) {
        findings.push({ message: `The body is an ${kindOf(root, body.parameter["schema"])}, but the operation consumes no JSON type: the platform sends structured bodies as application/json. Add it to 'consumes'.`, path: Array.isArray(operation.operation["consumes"]) ? [...operation.path, "consumes"] : body.path });
      }
      const output = responsesOf(root, operation).find((r) => isSuccess(r.code) && isStructured(root, r.response["schema"]));
      if (output && lacksJson(producesOf(root, operation))) {
        findings.push({ message: `The ${output.code} response is an ${kindOf(root, output.response["schema"])}, but the operation produces only ${producesOf(root, operation).join(", ")}: the definition contradicts itself, and outputs are read as JSON. Add application/json to 'produces'.`, path: Array.isArray(operation.operation["produces"]) ? [...operation.path, "produces"] : output.path });
      }
    }
    return findings;
  },
});

/** An empty list means the platform's default, JSON; a list without a JSON type rules it out. */
function lacksJson(types: readonly string[]): boolean {
  return types.length > 0 && !types.some(isJson);
}

function isJson(type: string): boolean {
  const bare = type.split(";")[0]!.trim().toLowerCase();
  return bare === "application/json" || bare === "text/json" || bare.endsWith("+json") || bare === "*/*";
}

function resolved(root: unknown, schema: unknown): JsonObject | undefined {
  const target = isObject(schema) ? follow(root, schema, []) : undefined;
  return target && isObject(target.value) ? target.value : undefined;
}

function isStructured(root: unknown, schema: unknown): boolean {
  const type = resolved(root, schema)?.["type"];
  return type === "object" || type === "array";
}

function kindOf(root: unknown, schema: unknown): string {
  return String(resolved(root, schema)?.["type"]);
}
