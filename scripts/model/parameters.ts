/** Parameter objects (Swagger 2.0 §4.3.3.6): path-level and operation-level lists merged, `$ref`s resolved. */
import { closest } from "../lint/connector/text.js";
import type { CollectionFormat, ParameterLocation, PrimitiveType } from "../../src/runtime/contract.js";
import type { JsonPath, ParameterModel } from "./model.js";
import { dereference, isObject, type JsonObject } from "./refs.js";

export interface RawParameter {
  readonly value: JsonObject;
  readonly location: JsonPath;
}

export interface ParameterProblem {
  readonly message: string;
  readonly location: JsonPath;
}

const LOCATIONS = new Set(["path", "query", "header", "formData", "body"]);
const PRIMITIVES = new Set(["string", "number", "integer", "boolean"]);
const FORMATS = new Set(["csv", "ssv", "tsv", "pipes", "multi"]);

/** Validation keywords a non-body parameter (and its `items`) may carry, per Swagger 2.0. */
const PARAMETER_KEYWORDS = [
  "type", "format", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
  "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "multipleOf",
] as const;

/**
 * Operation parameters override path-level ones with the same name and location; the result keeps spec order
 * (path-level first). Broken references are reported and skipped.
 */
export function mergeParameters(
  root: unknown,
  pathLevel: unknown,
  operationLevel: unknown,
  pathItemLocation: JsonPath,
  operationLocation: JsonPath,
  problems: ParameterProblem[],
): RawParameter[] {
  const resolve = (list: unknown, at: JsonPath): RawParameter[] => {
    if (!Array.isArray(list)) return [];
    const out: RawParameter[] = [];
    list.forEach((item, index) => {
      const location = [...at, "parameters", index];
      const { value, broken } = dereference(root, item);
      if (broken !== undefined || !isObject(value)) {
        problems.push({ message: `parameter reference ${broken ?? ""} cannot be resolved; it is left out`, location });
        return;
      }
      if (typeof value["name"] !== "string" || typeof value["in"] !== "string" || !LOCATIONS.has(value["in"])) {
        problems.push({ message: "parameter without a valid name and in; it is left out", location });
        return;
      }
      out.push({ value, location });
    });
    return out;
  };
  const operationParams = resolve(operationLevel, operationLocation);
  const keyOf = (p: RawParameter) => `${String(p.value["in"])}:${String(p.value["name"])}`;
  const overridden = new Set(operationParams.map(keyOf));
  const pathParams = resolve(pathLevel, pathItemLocation).filter((p) => !overridden.has(keyOf(p)));
  return [...pathParams, ...operationParams];
}

function primitive(value: unknown): PrimitiveType | undefined {
  return typeof value === "string" && PRIMITIVES.has(value) ? (value as PrimitiveType) : undefined;
}

function pickKeywords(source: JsonObject): Record<string, unknown> {
  const schema: Record<string, unknown> = {};
  for (const keyword of PARAMETER_KEYWORDS) {
    if (source[keyword] !== undefined) schema[keyword] = source[keyword];
  }
  if (isObject(source["items"])) schema["items"] = pickKeywords(source["items"]);
  if (schema["type"] === "file") delete schema["type"];
  return schema;
}

/** A non-body parameter as the runtime coerces and the handler sees it. */
export function toParameterModel(raw: RawParameter, problems: ParameterProblem[]): ParameterModel {
  const p = raw.value;
  const name = String(p["name"]);
  const where = p["in"] as ParameterLocation;
  let type: ParameterModel["type"];
  if (p["type"] === "array" || p["type"] === "file") type = p["type"];
  else {
    const declared = primitive(p["type"]);
    if (declared === undefined) {
      const types = ["string", "number", "integer", "boolean", "array"];
      const near = typeof p["type"] === "string" ? closest(p["type"], types) : undefined;
      const what = p["type"] === undefined ? "has no type" : `has type ${JSON.stringify(p["type"])}, which Swagger 2.0 does not have${near ? ` (did you mean ${near}?)` : ""}`;
      problems.push({ message: `parameter ${name} ${what}; it is treated as a string. Give it one of ${types.join(", ")}`, location: raw.location });
    }
    type = declared ?? "string";
  }
  const items = isObject(p["items"]) ? p["items"] : undefined;
  let collectionFormat: CollectionFormat | undefined;
  let itemType: PrimitiveType | undefined;
  if (type === "array") {
    const format = p["collectionFormat"];
    collectionFormat = typeof format === "string" && FORMATS.has(format) ? (format as CollectionFormat) : "csv";
    itemType = primitive(items?.["type"]) ?? "string";
  }
  const required = where === "path" || p["required"] === true;
  return {
    name,
    in: where,
    key: where === "header" ? name.toLowerCase() : name,
    type,
    required,
    ...(collectionFormat === undefined ? {} : { collectionFormat }),
    ...(itemType === undefined ? {} : { itemType }),
    ...(p["default"] === undefined ? {} : { default: p["default"] }),
    ...(Array.isArray(p["enum"]) ? { enum: p["enum"] } : {}),
    ...(Array.isArray(items?.["enum"]) ? { itemEnum: items["enum"] as unknown[] } : {}),
    ...(typeof p["description"] === "string" ? { description: p["description"] } : {}),
    ...(typeof p["x-ms-visibility"] === "string" ? { visibility: p["x-ms-visibility"] } : {}),
    schema: parameterSchema(p, type, itemType),
    location: raw.location,
  };
}

/** The keywords to validate the coerced value with; `type` is the one the runtime coerces to. */
function parameterSchema(p: JsonObject, type: ParameterModel["type"], itemType: PrimitiveType | undefined): Record<string, unknown> {
  const schema = pickKeywords(p);
  if (type === "file") return {};
  schema["type"] = type;
  if (type === "array") {
    const items = isObject(schema["items"]) ? schema["items"] : {};
    schema["items"] = { ...items, type: itemType ?? "string" };
  }
  return schema;
}
