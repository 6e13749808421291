import { isObject, matchesType, objectEntries, type JsonObject, type JsonPath } from "./json.js";
import { perDocument } from "./memo.js";
import { METHODS, parameterDefinitions } from "./operations.js";
import { schemaNodes } from "./schemas.js";

/** Anything that declares a value with type, format, enum and default: a schema, a non-body parameter, its items, a header. */
export interface TypedValue {
  readonly path: JsonPath;
  readonly value: JsonObject;
  readonly kind: "schema" | "parameter" | "items" | "header";
}

export const typedValues: (root: unknown) => readonly TypedValue[] = perDocument(collect, []);

function collect(root: JsonObject): TypedValue[] {
  const values: TypedValue[] = schemaNodes(root).map((node) => ({ path: node.path, value: node.schema, kind: "schema" }));
  const withItems = (value: JsonObject, path: JsonPath, kind: TypedValue["kind"]): void => {
    values.push({ path, value, kind });
    for (let items = value["items"], at = [...path, "items"]; isObject(items); items = items["items"], at = [...at, "items"]) {
      values.push({ path: at, value: items, kind: "items" });
    }
  };
  for (const { path, parameter } of parameterDefinitions(root)) if (parameter["in"] !== "body") withItems(parameter, path, "parameter");
  const headersOf = (response: JsonObject, path: JsonPath): void => {
    for (const [name, header] of objectEntries(response["headers"])) withItems(header, [...path, "headers", name], "header");
  };
  for (const [code, response] of objectEntries(root["responses"])) headersOf(response, ["responses", code]);
  for (const [template, item] of objectEntries(root["paths"])) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      for (const [code, response] of objectEntries(operation["responses"])) headersOf(response, ["paths", template, method, "responses", code]);
    }
  }
  return values;
}

/**
 * How a default stands to the declared type: the same type, a string Power Platform converts ("0" for an
 * integer, "true" for a boolean; accepted connectors have these), or a value no conversion makes right.
 */
export function defaultAgainstType(fallback: unknown, type: string): "matches" | "converted" | "mismatch" {
  if (fallback === null || matchesType(fallback, type)) return "matches";
  if (typeof fallback !== "string") return "mismatch";
  const text = fallback.trim();
  if (type === "integer" && /^[-+]?\d+$/.test(text)) return "converted";
  if (type === "number" && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return "converted";
  if (type === "boolean" && /^(true|false)$/i.test(text)) return "converted";
  return "mismatch";
}
