/**
 * Values for a schema or a parameter, taken from the spec the way the connector wizard's Test tab offers them:
 * `x-ms-test-value`, then `example` (`x-example` on parameters), then `default`, then the first `enum` value;
 * objects are built from their properties' values and anything else from its type and bounds. Pure: no IO.
 * `conduit try` builds requests with it and `conduit serve --mock` the answers of responses without examples.
 */
import { dereference, isObject, type JsonObject } from "./refs.js";

export type ExampleDirection = "request" | "response";

export interface ExampleOptions {
  /** Requests leave out readOnly properties; responses keep them. */
  readonly direction: ExampleDirection;
  /**
   * Which optional properties an object gets: `given` only those with a value in the spec (a minimal, realistic
   * request), `all` every one a value can be made for (a full record, as a mock answers).
   */
  readonly optional: "given" | "all";
}

const MAX_DEPTH = 6;

/** The value the spec itself gives (test value, example, default, first enum value), if any. */
export function givenValue(schema: JsonObject): unknown {
  for (const key of ["x-ms-test-value", "example", "x-example", "default"]) {
    if (schema[key] !== undefined) return schema[key];
  }
  if (Array.isArray(schema["enum"]) && schema["enum"].length > 0) return schema["enum"][0];
  return undefined;
}

/** A value for `schema`, or undefined when none can be made (a file, a schema that says nothing). */
export function exampleValue(root: unknown, schema: unknown, options: ExampleOptions): unknown {
  return valueOf(root, schema, options, 0, new Set());
}

function valueOf(root: unknown, raw: unknown, options: ExampleOptions, depth: number, refs: ReadonlySet<string>): unknown {
  const { value: schema, ref } = dereference(root, raw);
  if (!isObject(schema) || depth > MAX_DEPTH) return undefined;
  // A recursive schema (a tree of nodes) stops where it would repeat itself.
  if (ref !== undefined && refs.has(ref)) return undefined;
  const seen = ref === undefined ? refs : new Set([...refs, ref]);
  // The value written beside a $ref (Swagger ignores such siblings) does not count; the target's does.
  const own = isObject(raw) && raw["$ref"] === undefined ? givenValue(raw) : undefined;
  const given = own ?? givenValue(schema);
  if (given !== undefined) return structuredClone(given);

  if (Array.isArray(schema["allOf"])) {
    const parts = schema["allOf"].map((part) => valueOf(root, part, options, depth + 1, seen));
    if (parts.every((part) => isObject(part) || part === undefined)) {
      const merged = Object.assign({}, ...parts.filter(isObject), objectValue(root, schema, options, depth, seen));
      return merged;
    }
  }
  for (const key of ["oneOf", "anyOf"] as const) {
    const first = Array.isArray(schema[key]) ? schema[key][0] : undefined;
    if (first !== undefined) return valueOf(root, first, options, depth + 1, seen);
  }
  const type = Array.isArray(schema["type"]) ? schema["type"].find((t) => t !== "null") : schema["type"];
  if (type === "object" || (type === undefined && isObject(schema["properties"]))) return objectValue(root, schema, options, depth, seen);
  if (type === "array") {
    const item = valueOf(root, schema["items"], options, depth + 1, seen);
    return item === undefined ? [] : [item];
  }
  if (type === "string") return stringValue(schema);
  if (type === "integer" || type === "number") return numberValue(schema, type);
  if (type === "boolean") return true;
  return undefined;
}

function objectValue(root: unknown, schema: JsonObject, options: ExampleOptions, depth: number, refs: ReadonlySet<string>): JsonObject {
  const properties = isObject(schema["properties"]) ? schema["properties"] : {};
  const required = new Set(Array.isArray(schema["required"]) ? schema["required"].filter((n): n is string => typeof n === "string") : []);
  const out: JsonObject = {};
  for (const [name, property] of Object.entries(properties)) {
    const target = dereference(root, property).value;
    const readOnly = (isObject(property) && property["readOnly"] === true) || (isObject(target) && target["readOnly"] === true);
    if (readOnly && options.direction === "request") continue;
    const stated = isObject(property) && givenValue(property) !== undefined;
    if (!required.has(name) && options.optional === "given" && !stated && !(isObject(target) && hasOwnValue(target))) continue;
    const value = valueOf(root, property, options, depth + 1, refs);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** Whether the spec writes a value for this schema itself (enum values and defaults count, type guesses not). */
function hasOwnValue(schema: JsonObject): boolean {
  return ["x-ms-test-value", "example", "x-example", "default"].some((key) => schema[key] !== undefined);
}

const STRING_FORMATS: Readonly<Record<string, string>> = {
  "date-time": "2030-01-01T09:00:00Z",
  "date-no-tz": "2030-01-01T09:00:00",
  date: "2030-01-01",
  time: "09:00:00",
  email: "someone@example.com",
  uri: "https://example.com/",
  url: "https://example.com/",
  uuid: "00000000-0000-4000-8000-000000000000",
  guid: "00000000-0000-4000-8000-000000000000",
  byte: "AA==",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  hostname: "example.com",
};

function stringValue(schema: JsonObject): string {
  const format = typeof schema["format"] === "string" ? schema["format"].toLowerCase() : "";
  let text = STRING_FORMATS[format] ?? "example";
  const min = typeof schema["minLength"] === "number" ? schema["minLength"] : 0;
  const max = typeof schema["maxLength"] === "number" ? schema["maxLength"] : Number.POSITIVE_INFINITY;
  if (text.length < min) text = text.padEnd(min, "x");
  if (text.length > max) text = text.slice(0, Math.max(0, max));
  return text;
}

function numberValue(schema: JsonObject, type: "integer" | "number"): number {
  const minimum = typeof schema["minimum"] === "number" ? schema["minimum"] : undefined;
  const maximum = typeof schema["maximum"] === "number" ? schema["maximum"] : undefined;
  let value = minimum !== undefined ? minimum + (schema["exclusiveMinimum"] === true ? 1 : 0) : 1;
  if (maximum !== undefined && value > maximum) value = maximum - (schema["exclusiveMaximum"] === true ? 1 : 0);
  const step = typeof schema["multipleOf"] === "number" && schema["multipleOf"] > 0 ? schema["multipleOf"] : undefined;
  if (step !== undefined) value = Math.ceil(value / step) * step;
  return type === "integer" ? Math.ceil(value) : value;
}
