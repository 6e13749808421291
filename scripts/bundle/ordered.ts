/**
 * A JSON value whose objects keep their key order exactly as written.
 *
 * Plain JS objects put integer-like keys ("200", "404") first, which would reorder a connector's responses and
 * some schema properties on every round trip; Maps keep insertion order for every key.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export type JsonObject = Map<string, JsonValue>;
export type JsonPath = (string | number)[];

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return value instanceof Map;
}

/** Converts what `yaml`'s `toJS({ mapAsMap: true })` returns (keys of any scalar type) into a JsonValue. */
export function fromYamlJs(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean" || typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(fromYamlJs);
  if (value instanceof Map) {
    const out: JsonObject = new Map();
    for (const [k, v] of value) out.set(String(k), fromYamlJs(v));
    return out;
  }
  if (value instanceof Set) return [...value].map(fromYamlJs);
  if (typeof value === "object") {
    const out: JsonObject = new Map();
    for (const [k, v] of Object.entries(value)) out.set(k, fromYamlJs(v));
    return out;
  }
  return String(value);
}

/** Plain objects for tools that do not care about order (ajv, deep equality). */
export function toPlain(value: JsonValue): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (isJsonObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) {
      // defineProperty: a "__proto__" key must stay data, not become the prototype.
      Object.defineProperty(out, k, { value: toPlain(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** JSON.stringify(value, null, indent) with key order kept; indent 0 writes compact JSON. */
export function stringifyJson(value: JsonValue, indent = 2): string {
  const pad = " ".repeat(indent);
  const newline = indent > 0 ? "\n" : "";
  const colon = indent > 0 ? ": " : ":";
  const write = (v: JsonValue, depth: string): string => {
    if (v === null || typeof v === "boolean") return String(v);
    if (typeof v === "number") return Number.isFinite(v) ? JSON.stringify(v) : "null";
    if (typeof v === "string") return JSON.stringify(v);
    const inner = depth + pad;
    if (Array.isArray(v)) {
      if (v.length === 0) return "[]";
      return `[${newline}${v.map((item) => inner + write(item, inner)).join(`,${newline}`)}${newline}${depth}]`;
    }
    if (v.size === 0) return "{}";
    const entries = [...v].map(([k, item]) => `${inner}${JSON.stringify(k)}${colon}${write(item, inner)}`);
    return `{${newline}${entries.join(`,${newline}`)}${newline}${depth}}`;
  };
  return write(value, "");
}

export function getAt(value: JsonValue, path: readonly (string | number)[]): JsonValue | undefined {
  let node: JsonValue | undefined = value;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === "number") node = node[segment];
    else if (isJsonObject(node)) node = node.get(String(segment));
    else return undefined;
  }
  return node;
}

/** A deep copy, so transforms never share nodes between the input and their output. */
export function cloneJson<T extends JsonValue>(value: T): T {
  return cloneAny(value) as T;
}

function cloneAny(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(cloneAny);
  if (isJsonObject(value)) {
    const out: JsonObject = new Map();
    for (const [k, v] of value) out.set(k, cloneAny(v));
    return out;
  }
  return value;
}

/** Structural equality; key order is ignored, as JSON consumers ignore it. */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  return firstDifference(a, b) === undefined;
}

/** The JSON path of the first place where two values differ, or undefined when they are equal. */
export function firstDifference(a: JsonValue, b: JsonValue, path: JsonPath = []): JsonPath | undefined {
  return differences(a, b, path, 1)[0];
}

/** Up to `limit` JSON paths where two values differ (a missing key counts as a difference at that key). */
export function differences(a: JsonValue, b: JsonValue, path: JsonPath = [], limit = Infinity): JsonPath[] {
  const found: JsonPath[] = [];
  const walk = (x: JsonValue | undefined, y: JsonValue | undefined, at: JsonPath): void => {
    if (found.length >= limit) return;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) {
        found.push(at);
        return;
      }
      x.forEach((item, i) => walk(item, y[i], [...at, i]));
      return;
    }
    if (isJsonObject(x) && isJsonObject(y)) {
      for (const [k, v] of x) walk(v, y.get(k), [...at, k]);
      for (const k of y.keys()) if (!x.has(k)) walk(undefined, y.get(k), [...at, k]);
      return;
    }
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) found.push(at);
  };
  walk(a, b, path);
  return found;
}

/** `$.paths["/a/{id}"].get` style, for messages. */
export function formatJsonPath(path: readonly (string | number)[]): string {
  return (
    "$" +
    path
      .map((segment) =>
        typeof segment === "number" ? `[${segment}]` : /^[A-Za-z_$][\w$-]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`,
      )
      .join("")
  );
}
