/** Response objects (Swagger 2.0 §4.3.3.11): `#/responses` references resolved, headers and binary bodies noted. */
import type { CollectionFormat, PrimitiveType } from "../../src/runtime/contract.js";
import type { JsonPath, ResponseHeaderModel, ResponseModel } from "./model.js";
import { compare } from "./identifiers.js";
import { dereference, isObject } from "./refs.js";

export interface ResponseProblem {
  readonly message: string;
  readonly location: JsonPath;
}

const PRIMITIVES = new Set(["string", "number", "integer", "boolean"]);
const FORMATS = new Set(["csv", "ssv", "tsv", "pipes", "multi"]);

/** Bytes rather than JSON: a `file` schema, or a string in binary format. */
export function isBinarySchema(root: unknown, schema: unknown): boolean {
  const { value } = dereference(root, schema);
  if (!isObject(value)) return false;
  return value["type"] === "file" || (value["type"] === "string" && value["format"] === "binary");
}

export function toResponseModels(root: unknown, responses: unknown, at: JsonPath, problems: ResponseProblem[]): ResponseModel[] {
  if (!isObject(responses)) return [];
  const out: ResponseModel[] = [];
  for (const [status, raw] of Object.entries(responses)) {
    if (status.startsWith("x-")) continue;
    const location = [...at, "responses", status];
    const { value, broken } = dereference(root, raw);
    if (broken !== undefined || !isObject(value)) {
      problems.push({ message: `response ${status} cannot be resolved; it is left out`, location });
      continue;
    }
    const schema = value["schema"];
    const hasSchema = isObject(schema);
    out.push({
      status,
      ...(typeof value["description"] === "string" ? { description: value["description"] } : {}),
      ...(hasSchema ? { schema } : {}),
      binary: hasSchema && isBinarySchema(root, schema),
      headers: toHeaderModels(value["headers"]),
      location,
    });
  }
  return out.sort((a, b) => statusOrder(a.status, b.status));
}

function statusOrder(a: string, b: string): number {
  if (a === "default" || b === "default") return a === b ? 0 : a === "default" ? 1 : -1;
  return compare(a, b);
}

function toHeaderModels(headers: unknown): ResponseHeaderModel[] {
  if (!isObject(headers)) return [];
  return Object.entries(headers)
    .filter((entry): entry is [string, Record<string, unknown>] => isObject(entry[1]))
    .map(([name, header]) => {
      const type = header["type"] === "array" ? "array" : PRIMITIVES.has(String(header["type"])) ? (header["type"] as PrimitiveType) : "string";
      const items = isObject(header["items"]) ? header["items"] : undefined;
      return {
        name,
        type,
        ...(type === "array"
          ? {
              itemType: PRIMITIVES.has(String(items?.["type"])) ? (items?.["type"] as PrimitiveType) : "string",
              collectionFormat: FORMATS.has(String(header["collectionFormat"])) ? (header["collectionFormat"] as CollectionFormat) : "csv",
            }
          : {}),
        ...(Array.isArray(header["enum"]) ? { enum: header["enum"] } : {}),
        ...(typeof header["description"] === "string" ? { description: header["description"] } : {}),
      };
    });
}
