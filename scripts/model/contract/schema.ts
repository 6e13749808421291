/** Reading Swagger 2.0 schema objects (§4.3.3.11) the way the designer shows them: types, members, `allOf` merged. */
import { isObject } from "../refs.js";
import type { Visibility } from "./contract.js";
import { child, dereference, type DocumentSet, type Located } from "./documents.js";

/** Nesting below this depth is not compared (the designer itself stops showing it long before). */
export const MAX_DEPTH = 10;

/** A schema with its `$ref`s followed; `ref` says what it was reached through. */
export type ResolvedSchema = Located;

/** The schemas being expanded on the way down (by identity), so that recursive definitions stop. */
export type Stack = ReadonlySet<unknown>;

export function resolveSchema(set: DocumentSet, at: Located): ResolvedSchema {
  return dereference(set, at);
}

/** `type` as written, or what the keywords imply; "" when the schema says nothing (any value). */
export function schemaType(schema: unknown): string {
  if (!isObject(schema)) return "";
  const type = schema["type"];
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.filter((t) => t !== "null").map(String).join("|");
  if (isObject(schema["properties"]) || Array.isArray(schema["allOf"])) return "object";
  if (schema["items"] !== undefined) return "array";
  return "";
}

export function text(value: unknown, key: string): string {
  if (!isObject(value)) return "";
  const v = value[key];
  return typeof v === "string" ? v : "";
}

export function visibilityOf(value: unknown): Visibility {
  const v = text(value, "x-ms-visibility").trim().toLowerCase();
  return v === "important" || v === "advanced" || v === "internal" ? v : "";
}

/** Whether the schema's shape is fetched at design time (`x-ms-dynamic-schema` / `x-ms-dynamic-properties`). */
export function isDynamic(schema: unknown): boolean {
  return isObject(schema) && (schema["x-ms-dynamic-schema"] !== undefined || schema["x-ms-dynamic-properties"] !== undefined);
}

export interface Member {
  readonly name: string;
  /** The property as written (possibly a `$ref`), for its place. */
  readonly at: Located;
}

/** The properties of an object schema, `allOf` members merged in order, and the names it requires. */
export function objectMembers(set: DocumentSet, schema: ResolvedSchema): { members: Member[]; required: Set<string> } {
  const members: Member[] = [];
  const required = new Set<string>();
  const seen = new Set<string>();
  const visit = (s: ResolvedSchema, inside: Stack): void => {
    if (!isObject(s.value) || inside.has(s.value)) return;
    const next = new Set(inside).add(s.value);
    const props = child(s, "properties");
    if (isObject(props.value)) {
      for (const name of Object.keys(props.value)) {
        if (seen.has(name)) continue;
        seen.add(name);
        members.push({ name, at: child(props, name) });
      }
    }
    const req = s.value["required"];
    if (Array.isArray(req)) for (const name of req) if (typeof name === "string") required.add(name);
    const allOf = child(s, "allOf");
    if (Array.isArray(allOf.value)) allOf.value.forEach((_, i) => visit(resolveSchema(set, child(allOf, i)), next));
  };
  visit(schema, new Set());
  return { members, required };
}
