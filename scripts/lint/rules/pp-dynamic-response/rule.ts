import { isObject, isString, type JsonObject } from "../../connector/json.js";
import { operationReferences, type OperationReference } from "../../connector/dynamic.js";
import { operationsById, operationsOf, type Operation } from "../../connector/operations.js";
import { follow } from "../../connector/refs.js";
import { isSuccess, responsesOf } from "../../connector/responses.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-dynamic-response",
  description: "What a dynamic extension or x-ms-pageable reads from a response is there: an array at value-collection, the value and title properties of its items, the nextLink property.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    const byId = operationsById(root);
    for (const reference of operationReferences(root)) {
      const target = reference.operationId === undefined ? undefined : byId.get(reference.operationId)?.[0];
      if (target) findings.push(...checkReference(root, reference, target));
    }
    for (const operation of operationsOf(root)) {
      const pageable = operation.operation["x-ms-pageable"];
      const name = isObject(pageable) ? pageable["nextLinkName"] : undefined;
      if (!isString(name)) continue;
      const schema = successSchema(root, operation);
      if (schema && lookup(root, schema, [name]) === "missing") {
        findings.push({ message: `x-ms-pageable reads '${name}' from the response, which does not declare it: paging stops after the first page.`, path: [...operation.path, "x-ms-pageable", "nextLinkName"] });
      }
    }
    return findings;
  },
});

function checkReference(root: unknown, reference: OperationReference, target: Operation): Finding[] {
  const schema = successSchema(root, target);
  if (!schema) return [];
  const { value, path, extension } = reference;
  const findings: Finding[] = [];
  const missing = (key: string, at: string[], what: string, from: JsonObject = schema): void => {
    const near = spelling(root, from, at);
    const hint = near ? ` (it declares '${near}': names are case-sensitive)` : "";
    findings.push({ message: `${extension} reads ${what} '${at.join("/")}' from '${target.operationId ?? "?"}', whose response does not declare it${hint}.`, path: [...path, key] });
  };
  if (extension === "x-ms-dynamic-values" || extension === "x-ms-dynamic-list") {
    const [collectionKey, valueKey, titleKey] = extension === "x-ms-dynamic-values" ? ["value-collection", "value-path", "value-title"] : ["itemsPath", "itemValuePath", "itemTitlePath"];
    const collectionPath = isString(value[collectionKey]) ? split(value[collectionKey]) : [];
    const collection = collectionPath.length > 0 ? lookup(root, schema, collectionPath) : schema;
    if (collection === "missing") return (missing(collectionKey, collectionPath, "the list"), findings);
    if (collection === "unknown") return findings;
    const array = deref(root, collection);
    if (array["type"] !== undefined && array["type"] !== "array") {
      findings.push({ message: `${extension} needs an array at '${collectionPath.join("/") || "the response root"}' of '${target.operationId ?? "?"}', which is ${String(array["type"])} (InvokedOperationShouldProduceArray).`, path: [...path, collectionPath.length > 0 ? collectionKey : "operationId"] });
      return findings;
    }
    const items = isObject(array["items"]) ? array["items"] : undefined;
    if (!items) return findings;
    for (const key of [valueKey, titleKey]) {
      if (isString(value[key]) && lookup(root, items, split(value[key])) === "missing") missing(key, split(value[key]), "the item property", items);
    }
  }
  if (extension === "x-ms-dynamic-schema" || extension === "x-ms-dynamic-properties") {
    const key = extension === "x-ms-dynamic-schema" ? "value-path" : "itemValuePath";
    if (isString(value[key]) && lookup(root, schema, split(value[key])) === "missing") missing(key, split(value[key]), "the schema at");
  }
  return findings;
}

function split(path: string): string[] {
  return path.split("/").filter((s) => s !== "");
}

function successSchema(root: unknown, operation: Operation): JsonObject | undefined {
  const response = responsesOf(root, operation).find((r) => isSuccess(r.code) && isObject(r.response["schema"]));
  return response ? (response.response["schema"] as JsonObject) : undefined;
}

function deref(root: unknown, schema: JsonObject): JsonObject {
  const target = follow(root, schema, []);
  return target && isObject(target.value) ? target.value : schema;
}

type Lookup = JsonObject | "missing" | "unknown";

/** Walks property names through a schema. "unknown" when the schema is open or composed, so nothing can be said. */
function lookup(root: unknown, start: JsonObject, names: readonly string[]): Lookup {
  let schema = deref(root, start);
  for (const name of names) {
    const properties = schema["properties"];
    if (!isObject(properties) || "allOf" in schema || "additionalProperties" in schema || "x-ms-dynamic-schema" in schema) return "unknown";
    const next = properties[name];
    if (!isObject(next)) return "missing";
    schema = deref(root, next);
  }
  return schema;
}

/** The names of `path` as the schema spells them, when they differ only in case: a likely slip. */
function spelling(root: unknown, start: JsonObject, names: readonly string[]): string | undefined {
  let schema = deref(root, start);
  const spelt: string[] = [];
  for (const name of names) {
    const properties = schema["properties"];
    if (!isObject(properties)) return undefined;
    const actual = Object.keys(properties).find((key) => key.toLowerCase() === name.toLowerCase());
    if (actual === undefined || !isObject(properties[actual])) return undefined;
    spelt.push(actual);
    schema = deref(root, properties[actual] as JsonObject);
  }
  return spelt.join("/");
}
