/**
 * An operation's output: the schema of its first 2xx response that has one, flattened into fields by path
 * (`items/[]/id`), as flows see them in dynamic content and canvas apps as record and table fields.
 */
import { isObject } from "../refs.js";
import type { OutputContract, OutputField } from "./contract.js";
import { child, dereference, type DocumentSet, type Located } from "./documents.js";
import { isDynamic, MAX_DEPTH, objectMembers, resolveSchema, schemaType, text, type ResolvedSchema, type Stack } from "./schema.js";

/** A guard against schemas that expand without end through shared definitions. */
const MAX_FIELDS = 20_000;

export function toOutput(set: DocumentSet, operation: Located): OutputContract | undefined {
  const responses = dereference(set, child(operation, "responses"));
  if (!isObject(responses.value)) return undefined;
  const statuses = Object.keys(responses.value).filter((s) => /^2\d\d$/.test(s)).sort();
  for (const status of statuses) {
    const response = dereference(set, child(responses, status));
    const schemaAt = child(response, "schema");
    if (!isObject(schemaAt.value)) continue;
    const schema = resolveSchema(set, schemaAt);
    const fields = new Map<string, OutputField>();
    const place = schemaAt;
    fields.set("", toField("", schema, schemaAt.value, place));
    const dynamic = isDynamic(schema.value);
    if (!dynamic) expand(set, schema, [], fields, new Set([schema.value]));
    return { status, rootRef: rootRef(set, schema), dynamic, place, fields };
  }
  return undefined;
}

function expand(set: DocumentSet, schema: ResolvedSchema, segments: string[], fields: Map<string, OutputField>, stack: Stack): void {
  if (segments.length >= MAX_DEPTH || fields.size >= MAX_FIELDS || isDynamic(schema.value)) return;
  if (schemaType(schema.value) === "array") {
    const itemsAt = child(schema, "items");
    const items = resolveSchema(set, itemsAt);
    if (!isObject(items.value) || stack.has(items.value)) return;
    const path = [...segments, "[]"];
    add(fields, path, items, itemsAt);
    expand(set, items, path, fields, new Set(stack).add(items.value));
    return;
  }
  for (const m of objectMembers(set, schema).members) {
    const member = resolveSchema(set, m.at);
    const path = [...segments, m.name];
    add(fields, path, member, m.at);
    if (!stack.has(member.value)) expand(set, member, path, fields, new Set(stack).add(member.value));
  }
}

function add(fields: Map<string, OutputField>, segments: string[], schema: ResolvedSchema, at: Located): void {
  const key = segments.join("/");
  if (!fields.has(key)) fields.set(key, toField(key, schema, at.value, at));
}

function toField(path: string, schema: ResolvedSchema, written: unknown, place: OutputField["place"]): OutputField {
  return {
    path,
    type: schemaType(schema.value),
    format: text(schema.value, "format"),
    summary: text(written, "x-ms-summary") || text(schema.value, "x-ms-summary"),
    description: text(written, "description") || text(schema.value, "description"),
    place,
    schemaPlace: schema,
  };
}

/** The definition the output is: `WorkOrder`, or `WorkOrder[]` for an inline array of them; "" when inline. */
function rootRef(set: DocumentSet, schema: ResolvedSchema): string {
  if (schema.ref !== "") return refName(schema.ref);
  if (schemaType(schema.value) !== "array") return "";
  const items = resolveSchema(set, child(schema, "items"));
  return items.ref === "" ? "" : `${refName(items.ref)}[]`;
}

/** `#/definitions/WorkOrder` → `WorkOrder`; the name a reviewer knows the schema by. */
function refName(ref: string): string {
  if (ref === "") return "";
  const last = ref.split("/").pop() ?? ref;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
