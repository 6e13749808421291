/** Plain JSON values as the parsers give them, and the JSON paths findings point at. */

export type JsonPath = (string | number)[];
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isString(value: unknown): value is string {
  return typeof value === "string";
}

/** The object's own entries whose values are objects (skips `null`, scalars and arrays). */
export function objectEntries(value: unknown): [string, JsonObject][] {
  if (!isObject(value)) return [];
  const entries: [string, JsonObject][] = [];
  for (const [key, child] of Object.entries(value)) if (isObject(child)) entries.push([key, child]);
  return entries;
}

export function has(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** The JSON type name Swagger uses for a value: integer for whole numbers. */
export function jsonType(value: unknown): "null" | "array" | "object" | "string" | "boolean" | "integer" | "number" {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  return "object";
}

/** Whether a value may stand where a schema or parameter declares `type`. */
export function matchesType(value: unknown, type: string): boolean {
  const actual = jsonType(value);
  if (type === "number") return actual === "number" || actual === "integer";
  if (type === "file") return actual === "string";
  return actual === type;
}
