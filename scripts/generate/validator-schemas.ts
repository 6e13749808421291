/**
 * Swagger 2.0 schemas → JSON Schema draft-04 that ajv compiles without complaint: only validation keywords
 * survive (x-ms-*, example, discriminator, readOnly and non-keyword `id`s go), references to definitions point
 * into one shared definitions document per direction, and request-side definitions do not require readOnly
 * properties (Swagger: they are sent in responses only).
 */
import type { OperationModel, ParameterModel } from "../model/model.js";
import { dereference, getAtPath, isObject, parseLocalRef, type JsonObject } from "../model/refs.js";

export type Direction = "request" | "response";

/**
 * Each definition is its own schema, `request:Name` / `response:Name`, so that ajv compiles it once however
 * many operations refer to it (a fragment of a shared document would be compiled again for every referrer).
 */
export function definitionId(direction: Direction, key: string): string {
  return `${direction}:${key}`;
}

const TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);
const COUNTS = ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"] as const;

export interface SchemaContext {
  readonly root: JsonObject;
  /** Definition name → key in the definitions document (sanitized, unique). */
  readonly definitionKeys: ReadonlyMap<string, string>;
  /** Problems met on the way, with the reference or keyword at fault. */
  readonly problems: string[];
}

export function createSchemaContext(root: JsonObject): SchemaContext {
  const definitions = isObject(root["definitions"]) ? root["definitions"] : {};
  const definitionKeys = new Map<string, string>();
  const used = new Set<string>();
  for (const name of Object.keys(definitions)) {
    const base = name.replace(/[^A-Za-z0-9_.-]/g, "_") || "_";
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}_${n}`;
    used.add(key);
    definitionKeys.set(name, key);
  }
  return { root, definitionKeys, problems: [] };
}

/** The definitions of one direction as schemas with their ids, in spec order. */
export function definitionSchemas(context: SchemaContext, direction: Direction): JsonObject[] {
  const definitions = isObject(context.root["definitions"]) ? context.root["definitions"] : {};
  return [...context.definitionKeys].map(([name, key]) => ({
    ...toAjvSchema(definitions[name], context, direction),
    id: definitionId(direction, key),
  }));
}

/** Converts one schema; `inlining` guards against cycles through references that are not definitions. */
export function toAjvSchema(schema: unknown, context: SchemaContext, direction: Direction, inlining: ReadonlySet<string> = new Set()): JsonObject {
  if (!isObject(schema)) return {};
  const ref = schema["$ref"];
  if (typeof ref === "string") return referenceSchema(ref, schema, context, direction, inlining);
  const out: JsonObject = {};
  const sub = (value: unknown) => toAjvSchema(value, context, direction, inlining);
  const nullable = schema["x-nullable"] === true;

  const type = schema["type"];
  if (typeof type === "string" && TYPES.has(type)) out["type"] = nullable && type !== "null" ? [type, "null"] : type;
  else if (Array.isArray(type)) {
    const valid = type.filter((t): t is string => typeof t === "string" && TYPES.has(t));
    if (valid.length > 0) out["type"] = nullable && !valid.includes("null") ? [...valid, "null"] : valid;
  }
  if (typeof schema["format"] === "string" && schema["format"] !== "") out["format"] = schema["format"];
  if (Array.isArray(schema["enum"]) && schema["enum"].length > 0) {
    out["enum"] = nullable && !schema["enum"].includes(null) ? [...schema["enum"], null] : schema["enum"];
  }
  numericBounds(schema, out);
  for (const keyword of COUNTS) {
    const value = schema[keyword];
    if (Number.isInteger(value) && (value as number) >= 0) out[keyword] = value;
  }
  if (typeof schema["pattern"] === "string") {
    if (isValidPattern(schema["pattern"])) out["pattern"] = schema["pattern"];
    else context.problems.push(`pattern ${JSON.stringify(schema["pattern"])} is not a JavaScript regular expression; it is not checked`);
  }
  if (typeof schema["uniqueItems"] === "boolean") out["uniqueItems"] = schema["uniqueItems"];

  if (isObject(schema["properties"])) {
    const properties: JsonObject = {};
    for (const [name, value] of Object.entries(schema["properties"])) properties[name] = sub(value);
    out["properties"] = properties;
  }
  const required = requiredProperties(schema, context, direction);
  if (required.length > 0) out["required"] = required;
  const additional = schema["additionalProperties"];
  if (typeof additional === "boolean") out["additionalProperties"] = additional;
  else if (isObject(additional)) out["additionalProperties"] = sub(additional);
  if (isObject(schema["patternProperties"])) {
    const patterns: JsonObject = {};
    for (const [pattern, value] of Object.entries(schema["patternProperties"])) {
      if (isValidPattern(pattern)) patterns[pattern] = sub(value);
    }
    out["patternProperties"] = patterns;
  }
  const items = schema["items"];
  if (Array.isArray(items)) out["items"] = items.map(sub);
  else if (isObject(items)) out["items"] = sub(items);
  for (const keyword of ["allOf", "anyOf", "oneOf"] as const) {
    const list = schema[keyword];
    if (Array.isArray(list) && list.length > 0) out[keyword] = list.map(sub);
  }
  if (isObject(schema["not"])) out["not"] = sub(schema["not"]);
  return out;
}

/** Draft-04 bounds; OpenAPI 3-style numeric exclusive bounds are turned into the boolean form. */
function numericBounds(schema: JsonObject, out: JsonObject): void {
  for (const [bound, exclusive] of [["minimum", "exclusiveMinimum"], ["maximum", "exclusiveMaximum"]] as const) {
    const limit = schema[bound];
    const flag = schema[exclusive];
    if (typeof flag === "number") {
      out[bound] = flag;
      out[exclusive] = true;
    } else if (typeof limit === "number") {
      out[bound] = limit;
      if (flag === true) out[exclusive] = true;
    }
  }
  if (typeof schema["multipleOf"] === "number" && schema["multipleOf"] > 0) out["multipleOf"] = schema["multipleOf"];
}

export function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function requiredProperties(schema: JsonObject, context: SchemaContext, direction: Direction): string[] {
  const list = schema["required"];
  if (!Array.isArray(list)) return [];
  const names = [...new Set(list.filter((n): n is string => typeof n === "string"))];
  if (direction === "response") return names;
  const properties = isObject(schema["properties"]) ? schema["properties"] : {};
  return names.filter((name) => {
    const property = dereference(context.root, properties[name]).value;
    return !(isObject(property) && property["readOnly"] === true) && !(isObject(properties[name]) && properties[name]["readOnly"] === true);
  });
}

function referenceSchema(ref: string, schema: JsonObject, context: SchemaContext, direction: Direction, inlining: ReadonlySet<string>): JsonObject {
  const segments = parseLocalRef(ref);
  if (segments === undefined) {
    context.problems.push(`reference ${ref} points outside the document; the value is not checked`);
    return {};
  }
  if (segments.length === 2 && segments[0] === "definitions") {
    const key = context.definitionKeys.get(segments[1]!);
    if (key !== undefined) {
      const target = { $ref: definitionId(direction, key) };
      // Swagger ignores siblings of $ref except x-nullable, which conduit honours.
      return schema["x-nullable"] === true ? { anyOf: [target, { type: "null" }] } : target;
    }
  }
  const target = getAtPath(context.root, segments);
  if (target === undefined) {
    context.problems.push(`reference ${ref} cannot be resolved; the value is not checked`);
    return {};
  }
  if (inlining.has(ref)) return {};
  return toAjvSchema(target, context, direction, new Set([...inlining, ref]));
}

/** The request validator's schema: `{ path, query, headers, body }` after coercion. */
export function requestSchema(operation: OperationModel, context: SchemaContext): JsonObject {
  const group = (location: ParameterModel["in"]) => parameterGroup(operation.parameters.filter((p) => p.in === location), context);
  const properties: JsonObject = { path: group("path"), query: group("query"), headers: group("header") };
  const required = ["path", "query", "headers"];
  const body = operation.body;
  if (body) {
    if (body.encoding === "form") properties["body"] = group("formData");
    else if (body.encoding === "binary") properties["body"] = {};
    else properties["body"] = toAjvSchema(body.schema, context, "request");
    if (body.required) required.push("body");
  }
  return { type: "object", properties, required };
}

function parameterGroup(parameters: readonly ParameterModel[], context: SchemaContext): JsonObject {
  const properties: JsonObject = {};
  for (const p of parameters) properties[p.key] = toAjvSchema(p.schema, context, "request");
  const required = parameters.filter((p) => p.required).map((p) => p.key);
  return required.length > 0 ? { type: "object", properties, required } : { type: "object", properties };
}

/** Response body schemas by status, for the responses that have a non-binary schema. */
export function responseSchemas(operation: OperationModel, context: SchemaContext): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  for (const response of operation.responses) {
    if (response.schema === undefined || response.binary) continue;
    out.set(response.status, toAjvSchema(response.schema, context, "response"));
  }
  return out;
}
