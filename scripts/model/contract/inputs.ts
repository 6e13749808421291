/**
 * An operation's inputs as Power Platform presents them (§5 of the Power Platform notes): non-body parameters as
 * they are; a body whose schema has properties flattened into one input per property (nested ones kept as
 * sub-fields); any other body as one input named after the body parameter.
 */
import { isObject } from "../refs.js";
import type { InputField, InputLocation, JsonPath } from "./contract.js";
import { child, dereference, type DocumentSet, type Located } from "./documents.js";
import { MAX_DEPTH, objectMembers, resolveSchema, schemaType, text, visibilityOf, type ResolvedSchema, type Stack } from "./schema.js";

const LOCATIONS = new Set<string>(["path", "query", "header", "formData", "body"]);

/** A parameter after `$ref`s, with the place it is listed at in the operation (or path item). */
export interface ListedParameter {
  readonly value: Record<string, unknown>;
  /** The parameter object itself (where `$ref`s led). */
  readonly at: Located;
  /** The entry in the `parameters` list that names it. */
  readonly listed: Located;
}

/** Path-level parameters overridden by operation-level ones with the same name and location, in spec order. */
export function listParameters(set: DocumentSet, pathItem: Located, operation: Located): ListedParameter[] {
  const read = (owner: Located): ListedParameter[] => {
    const list = child(owner, "parameters");
    if (!Array.isArray(list.value)) return [];
    const out: ListedParameter[] = [];
    list.value.forEach((_, index) => {
      const listed = child(list, index);
      const at = dereference(set, listed);
      const value = at.value;
      if (!isObject(value) || typeof value["name"] !== "string" || typeof value["in"] !== "string" || !LOCATIONS.has(value["in"])) return;
      out.push({ value, at, listed });
    });
    return out;
  };
  const own = read(operation);
  const key = (p: ListedParameter) => `${String(p.value["in"])}:${String(p.value["name"])}`;
  const overridden = new Set(own.map(key));
  return [...read(pathItem).filter((p) => !overridden.has(key(p))), ...own];
}

export function toInputs(set: DocumentSet, parameters: readonly ListedParameter[]): InputField[] {
  const inputs: InputField[] = [];
  const ids = new Set<string>();
  const push = (field: InputField): void => {
    if (ids.has(field.id)) return;
    ids.add(field.id);
    inputs.push(field);
  };
  for (const p of parameters) {
    const location = p.value["in"] as InputLocation;
    const name = p.value["name"] as string;
    if (location === "body") {
      flattenBody(set, p, push);
      continue;
    }
    const isArray = p.value["type"] === "array";
    const items = p.value["items"];
    const enumValues = isArray && isObject(items) ? items["enum"] : p.value["enum"];
    push({
      id: `${location}:${name}`,
      name,
      in: location,
      segments: [name],
      topLevel: true,
      // Swagger makes path parameters required whatever they say, and so do Power Platform and the runtime.
      required: location === "path" || p.value["required"] === true,
      visibility: visibilityOf(p.value),
      type: schemaType(p.value) + (isArray && isObject(items) ? `<${schemaType(items)}>` : ""),
      format: text(p.value, "format"),
      enum: Array.isArray(enumValues) ? enumValues : undefined,
      hasDefault: p.value["default"] !== undefined,
      default: p.value["default"],
      summary: text(p.value, "x-ms-summary"),
      description: text(p.value, "description"),
      enumNames: enumNames(p.value),
      dynamicValues: dynamicValues(p.value),
      place: p.listed,
      schema: p.at,
      written: p.listed.value,
    });
  }
  return inputs;
}

/**
 * A body with properties becomes one input per property, required when the schema's `required` lists it: Power Fx
 * reads it so whether or not the body parameter is `required` (ConnectorFunction), and a canvas app passes those
 * positionally. Any other body is one input, required when the body parameter is.
 */
function flattenBody(set: DocumentSet, p: ListedParameter, push: (field: InputField) => void): void {
  const bodyRequired = p.value["required"] === true;
  const schemaAt = child(p.at, "schema");
  const schema = resolveSchema(set, schemaAt);
  const { members, required } = objectMembers(set, schema);
  if (members.length > 0) {
    const stack = new Set([schema.value]);
    for (const m of members) addField(set, m.at, [m.name], required.has(m.name), push, stack);
    return;
  }
  const name = p.value["name"] as string;
  push(field(set, schema, [name], bodyRequired, p.listed, p.value));
  addNested(set, schema, [name], push, new Set([schema.value]));
}

function addField(set: DocumentSet, at: Located, segments: string[], required: boolean, push: (field: InputField) => void, stack: Stack): void {
  const schema = resolveSchema(set, at);
  push(field(set, schema, segments, required, at, at.value));
  if (stack.has(schema.value) || segments.length >= MAX_DEPTH) return;
  addNested(set, schema, segments, push, new Set(stack).add(schema.value));
}

/** Sub-fields of an object, or of an array's items (segment `[]`). */
function addNested(set: DocumentSet, schema: ResolvedSchema, segments: string[], push: (field: InputField) => void, stack: Stack): void {
  if (schemaType(schema.value) === "array") {
    const items = resolveSchema(set, child(schema, "items"));
    if (stack.has(items.value) || !isObject(items.value)) return;
    addNested(set, items, [...segments, "[]"], push, new Set(stack).add(items.value));
    return;
  }
  const { members, required } = objectMembers(set, schema);
  for (const m of members) addField(set, m.at, [...segments, m.name], required.has(m.name), push, stack);
}

function field(set: DocumentSet, schema: ResolvedSchema, segments: string[], required: boolean, place: { file: string; path: JsonPath }, written: unknown): InputField {
  const value = schema.value;
  // x-ms-summary and x-ms-visibility may sit next to a `$ref` (Power Platform reads them there) or in the target.
  const pick = (key: string) => text(written, key) || text(value, key);
  const items = schemaType(value) === "array" ? resolveSchema(set, child(schema, "items")).value : undefined;
  const type = schemaType(value) + (isObject(items) ? `<${schemaType(items)}>` : "");
  const enumValues = isObject(value) ? (isObject(items) ? items["enum"] : value["enum"]) : undefined;
  return {
    id: `body:${segments.join("/")}`,
    name: segments[segments.length - 1]!,
    in: "body",
    segments,
    topLevel: segments.length === 1,
    required,
    visibility: visibilityOf(written) || visibilityOf(value),
    type,
    format: text(value, "format"),
    enum: Array.isArray(enumValues) ? enumValues : undefined,
    hasDefault: isObject(value) && value["default"] !== undefined,
    default: isObject(value) ? value["default"] : undefined,
    summary: pick("x-ms-summary"),
    description: pick("description"),
    enumNames: enumNames(isObject(items) ? items : value),
    dynamicValues: dynamicValues(written) || dynamicValues(value),
    place,
    schema,
    written,
  };
}

function enumNames(schema: unknown): InputField["enumNames"] {
  const list = isObject(schema) ? schema["x-ms-enum-values"] : undefined;
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).filter((e) => typeof e["displayName"] === "string").map((e) => ({ value: e["value"], displayName: e["displayName"] as string }));
}

/** The operation behind a drop-down: `x-ms-dynamic-values` (operationId, or a built-in one) or `x-ms-dynamic-list`. */
function dynamicValues(schema: unknown): string {
  if (!isObject(schema)) return "";
  for (const key of ["x-ms-dynamic-values", "x-ms-dynamic-list"]) {
    const d = schema[key];
    if (!isObject(d)) continue;
    const source = d["operationId"] ?? d["builtInOperation"] ?? d["capability"];
    if (typeof source === "string" && source !== "") return source;
  }
  return "";
}
