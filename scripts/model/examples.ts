/**
 * Sample values from the spec, for every tool that shows or sends one: `conduit try` (request inputs),
 * `conduit serve --mock` (answers of responses without examples) and `conduit docs` (the example Power Fx calls).
 * One order of precedence, as the connector wizard's Test tab offers values (Power Platform notes §2.4):
 * `x-ms-test-value`, then `example` (`x-example` on parameters), then `default`, then the first `enum` value.
 *
 * Two ways to use them. `exampleValue` always makes a value: what the spec gives, else objects from their
 * properties and anything else from its type and bounds (try must send something). `inputSample` and
 * `schemaSample` invent nothing (docs shows only what the spec says): no sample is `undefined`, and each says
 * where it was found. Pure: no IO.
 */
import { dereference, isObject, type JsonObject } from "./refs.js";
import type { InputField, OperationContract } from "./contract/contract.js";
import { child, type DocumentSet, type Located } from "./contract/documents.js";
import { objectMembers, resolveSchema, schemaType } from "./contract/schema.js";

export interface Sample {
  readonly value: unknown;
  /** Where it was found, for the reader: `x-ms-test-value`, `example`, `default`, `enum`, `body example`, `properties`. */
  readonly from: string;
}

/** The keys a schema or parameter states its own sample with, strongest first. */
const OWN_KEYS = ["x-ms-test-value", "example", "x-example"] as const;

/** The sample the node states itself (`x-ms-test-value`, `example`, `x-example`). */
function ownSample(node: unknown): Sample | undefined {
  if (!isObject(node)) return undefined;
  for (const key of OWN_KEYS) if (node[key] !== undefined) return { value: node[key], from: key };
  return undefined;
}

/** What the node allows rather than shows: its `default`, its first `enum` value (with `itemsEnum`, an array's first item value). */
function fallbackSample(node: unknown, itemsEnum: boolean): Sample | undefined {
  if (!isObject(node)) return undefined;
  if (node["default"] !== undefined) return { value: node["default"], from: "default" };
  const list = Array.isArray(node["enum"]) ? node["enum"] : undefined;
  if (list && list.length > 0) return { value: list[0], from: "enum" };
  const items = isObject(node["items"]) ? node["items"] : undefined;
  if (itemsEnum && node["type"] === "array" && items && Array.isArray(items["enum"]) && items["enum"].length > 0) return { value: [items["enum"][0]], from: "enum" };
  return undefined;
}

/** The value the spec itself gives (test value, example, default, first enum value), if any. */
export function givenValue(schema: JsonObject): unknown {
  return (ownSample(schema) ?? fallbackSample(schema, false))?.value;
}

/** Whether the spec writes a value for this schema itself (enum values and defaults count, type guesses not). */
function hasOwnValue(schema: JsonObject): boolean {
  return ownSample(schema) !== undefined || schema["default"] !== undefined;
}

// ---- exampleValue: always a value (try's requests, the mock's answers) ----

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

// ---- inputSample, schemaSample: only what the spec says (docs), through every file of the spec ----

export function inputSample(set: DocumentSet, op: OperationContract, input: InputField): Sample | undefined {
  if (input.in !== "body") return ownSample(input.schema.value) ?? fallbackSample(input.schema.value, true);
  const body = op.body;
  const wholeBody = body !== undefined && input.segments.length === 1 && input.schema.value === body.schema.value;
  if (body && !wholeBody) {
    // A property of a flattened body: its own sample, else the one the whole body's sample gives it.
    const own = ownSample(input.written) ?? ownSample(input.schema.value);
    if (own) return own;
    for (const holder of [body.parameter.value, body.schema.value]) {
      const whole = ownSample(holder);
      if (whole && isObject(whole.value) && whole.value[input.name] !== undefined) return { value: whole.value[input.name], from: `body ${whole.from}` };
    }
  } else if (body) {
    const own = ownSample(body.parameter.value) ?? ownSample(input.schema.value);
    if (own) return own;
  }
  return fallbackSample(input.schema.value, true) ?? composedSample(set, input.schema, 0);
}

/** A sample for a whole schema (a response, a nested record): its own, else put together from its members. */
export function schemaSample(set: DocumentSet, schema: Located): Sample | undefined {
  return ownSample(schema.value) ?? fallbackSample(schema.value, true) ?? composedSample(set, schema, 0);
}

function composedSample(set: DocumentSet, schema: Located, depth: number): Sample | undefined {
  if (depth > MAX_DEPTH || !isObject(schema.value)) return undefined;
  if (schemaType(schema.value) === "array") {
    const items = resolveSchema(set, child(schema, "items"));
    const item = ownSample(items.value) ?? fallbackSample(items.value, true) ?? composedSample(set, items, depth + 1);
    return item ? { value: [item.value], from: "items" } : undefined;
  }
  const members = objectMembers(set, schema).members;
  if (members.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const m of members) {
    const resolved = resolveSchema(set, m.at);
    const sample = ownSample(m.at.value) ?? ownSample(resolved.value) ?? fallbackSample(resolved.value, true) ?? composedSample(set, resolved, depth + 1);
    if (sample) out[m.name] = sample.value;
  }
  return Object.keys(out).length > 0 ? { value: out, from: "properties" } : undefined;
}
