/**
 * Both sides' output schemas walked together, field by field. Walking the two together rather than listing each
 * side's fields on its own is what lets a recursive definition be compared all the way down: a listing must stop
 * where a schema repeats (`nodes[]` → the same `Node`), so a field gone from a deeper, restructured level
 * (`nodes[]/nodes[]/name`) never showed. Together, the walk stops only where the same *pair* of schemas is
 * already being compared further up the path: from there on both sides repeat what was compared.
 */
import type { ContractModel, Place } from "../../model/contract/contract.js";
import { child, type Located } from "../../model/contract/documents.js";
import { isDynamic, objectMembers, resolveSchema, schemaType, text } from "../../model/contract/schema.js";
import { isObject } from "../../model/refs.js";

/** Deeper than this, fields are not compared (no designer shows them). */
const MAX_DEPTH = 64;
/** Pairs of schemas compared per output at most: shared definitions can multiply the paths through a schema. */
const MAX_PAIRS = 50_000;

export interface WalkedField {
  /** `items/[]/id`. */
  readonly path: string;
  readonly type: string;
  readonly format: string;
  /** The field as written (its place in the spec). */
  readonly place: Place;
}

export interface OutputChanges {
  /** Fields of the base the head no longer has (their own descendants are not listed again). */
  readonly lost: readonly { readonly field: WalkedField; readonly headParent: Place }[];
  readonly retyped: readonly (readonly [WalkedField, WalkedField])[];
  readonly reformatted: readonly (readonly [WalkedField, WalkedField])[];
  /** New fields of the head (their own descendants are not listed). */
  readonly added: readonly WalkedField[];
  readonly wording: readonly string[];
  /** The walk stopped at MAX_PAIRS: deeper differences may be missing. */
  readonly truncated: boolean;
}

interface Side {
  readonly model: ContractModel;
  /** After `$ref`s. */
  readonly schema: Located;
  /** As written (for its place, and summaries next to a `$ref`). */
  readonly written: Located;
}

export function walkOutputs(base: Side, head: Side): OutputChanges {
  const lost: { field: WalkedField; headParent: Place }[] = [];
  const retyped: [WalkedField, WalkedField][] = [];
  const reformatted: [WalkedField, WalkedField][] = [];
  const added: WalkedField[] = [];
  const wording: string[] = [];
  let pairs = 0;
  let truncated = false;

  const field = (side: Side, path: string): WalkedField => ({ path, type: schemaType(side.schema.value), format: text(side.schema.value, "format"), place: side.written });
  const label = (path: string) => path.replace(/\/\[\]/g, "[]").replace(/\//g, ".");

  const walk = (b: Side, h: Side, segments: readonly string[], stack: readonly (readonly [unknown, unknown])[]): void => {
    if (segments.length >= MAX_DEPTH) return;
    if (stack.some(([x, y]) => x === b.schema.value && y === h.schema.value)) return;
    if (++pairs > MAX_PAIRS) {
      truncated = true;
      return;
    }
    if (isDynamic(b.schema.value) || isDynamic(h.schema.value)) return;
    const path = segments.join("/");
    const tb = schemaType(b.schema.value);
    const th = schemaType(h.schema.value);
    if (path !== "") {
      if (tb !== "" && th !== "" && tb !== th) {
        retyped.push([field(b, path), field(h, path)]);
        return;
      }
      const fb = text(b.schema.value, "format");
      const fh = text(h.schema.value, "format");
      if (fb !== fh) reformatted.push([field(b, path), field(h, path)]);
      const pick = (s: Side, key: string) => text(s.written.value, key) || text(s.schema.value, key);
      if (pick(b, "x-ms-summary") !== pick(h, "x-ms-summary")) wording.push(`x-ms-summary of output \`${label(path)}\``);
      if (pick(b, "description") !== pick(h, "description")) wording.push(`description of output \`${label(path)}\``);
    }
    const next = [...stack, [b.schema.value, h.schema.value] as const];
    if (tb === "array" || th === "array") {
      const bi = itemsOf(b);
      const hi = itemsOf(h);
      const itemPath = [...segments, "[]"];
      if (bi && hi) walk(bi, hi, itemPath, next);
      else if (bi) lost.push({ field: field(bi, itemPath.join("/")), headParent: h.schema });
      else if (hi) added.push(field(hi, itemPath.join("/")));
      return;
    }
    const bm = membersOf(b);
    const hm = membersOf(h);
    for (const [name, bs] of bm) {
      const hs = hm.get(name);
      if (hs) walk(bs, hs, [...segments, name], next);
      else lost.push({ field: field(bs, [...segments, name].join("/")), headParent: { file: h.schema.file, path: [...h.schema.path, "properties"] } });
    }
    for (const [name, hs] of hm) if (!bm.has(name)) added.push(field(hs, [...segments, name].join("/")));
  };

  walk(base, head, [], []);
  return { lost, retyped, reformatted, added, wording, truncated };
}

function itemsOf(side: Side): Side | undefined {
  if (schemaType(side.schema.value) !== "array") return undefined;
  const written = child(side.schema, "items");
  if (!isObject(written.value)) return undefined;
  const schema = resolveSchema(side.model.set, written);
  return isObject(schema.value) ? { model: side.model, schema, written } : undefined;
}

function membersOf(side: Side): Map<string, Side> {
  const out = new Map<string, Side>();
  for (const m of objectMembers(side.model.set, side.schema).members) out.set(m.name, { model: side.model, schema: resolveSchema(side.model.set, m.at), written: m.at });
  return out;
}
