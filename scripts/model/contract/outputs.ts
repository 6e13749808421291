/**
 * An operation's output: the schema of its first 2xx response that has one (for a webhook trigger, the payload its
 * path item declares in `x-ms-notification-content`), flattened into fields by path (`items/[]/id`), as flows see
 * them in dynamic content and canvas apps as record and table fields.
 */
import { isObject } from "../refs.js";
import type { OutputContract, OutputField } from "./contract.js";
import { child, dereference, type DocumentSet, type Located } from "./documents.js";
import { isDynamic, MAX_DEPTH, objectMembers, resolveSchema, schemaType, text, visibilityOf, type ResolvedSchema } from "./schema.js";

/** A guard against schemas that expand without end through shared definitions. */
const MAX_FIELDS = 20_000;

/** The schemas being expanded on the way down, with the path each was expanded at. */
type Ancestors = ReadonlyMap<unknown, string>;

export function toOutput(set: DocumentSet, operation: Located, triggerItem?: Located): OutputContract | undefined {
  if (triggerItem) {
    const schemaAt = child(child(triggerItem, "x-ms-notification-content"), "schema");
    if (isObject(schemaAt.value)) return fromSchema(set, "notification", schemaAt);
  }
  const responses = dereference(set, child(operation, "responses"));
  if (!isObject(responses.value)) return undefined;
  const statuses = Object.keys(responses.value).filter((s) => /^2\d\d$/.test(s)).sort();
  for (const status of statuses) {
    const response = dereference(set, child(responses, status));
    const schemaAt = child(response, "schema");
    if (isObject(schemaAt.value)) return fromSchema(set, status, schemaAt);
  }
  return undefined;
}

function fromSchema(set: DocumentSet, status: string, schemaAt: Located): OutputContract {
  const schema = resolveSchema(set, schemaAt);
  const fields = new Map<string, OutputField>();
  fields.set("", toField("", schema, schemaAt.value, schemaAt));
  const dynamic = isDynamic(schema.value);
  if (!dynamic) expand(set, schema, [], fields, new Map([[schema.value, ""]]));
  return { status, rootRef: rootRef(set, schema), dynamic, place: schemaAt, schema, fields };
}

function expand(set: DocumentSet, schema: ResolvedSchema, segments: string[], fields: Map<string, OutputField>, ancestors: Ancestors): void {
  if (segments.length >= MAX_DEPTH || fields.size >= MAX_FIELDS || isDynamic(schema.value)) return;
  const visit = (at: Located, member: ResolvedSchema, path: string[]): void => {
    const key = path.join("/");
    const repeats = ancestors.get(member.value);
    if (!fields.has(key)) fields.set(key, toField(key, member, at.value, at, repeats));
    if (repeats === undefined) expand(set, member, path, fields, new Map(ancestors).set(member.value, key));
  };
  if (schemaType(schema.value) === "array") {
    const itemsAt = child(schema, "items");
    const items = resolveSchema(set, itemsAt);
    if (isObject(items.value)) visit(itemsAt, items, [...segments, "[]"]);
    return;
  }
  for (const m of objectMembers(set, schema).members) visit(m.at, resolveSchema(set, m.at), [...segments, m.name]);
}

function toField(path: string, schema: ResolvedSchema, written: unknown, place: OutputField["place"], recursive?: string): OutputField {
  return {
    path,
    type: schemaType(schema.value),
    format: text(schema.value, "format"),
    summary: text(written, "x-ms-summary") || text(schema.value, "x-ms-summary"),
    description: text(written, "description") || text(schema.value, "description"),
    visibility: visibilityOf(written) || visibilityOf(schema.value),
    place,
    schemaPlace: schema,
    ...(recursive === undefined ? {} : { recursive }),
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
export function refName(ref: string): string {
  if (ref === "") return "";
  const last = ref.split("/").pop() ?? ref;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
