/**
 * The output of one operation on both sides, field by field through `$ref`s, arrays and nested objects. A schema
 * swapped for another (a different `$ref` at the root, or gone) is one finding that lists what it lost.
 */
import type { OutputContract, OutputField, Place } from "../../model/contract/contract.js";
import { withRevision } from "./advice.js";
import type { OperationContext } from "./operation.js";
import { summarize } from "./operation.js";
import { isCanvasCallable } from "./power-fx.js";

export function compareOutputs(ctx: OperationContext): void {
  const b = ctx.base.output;
  const h = ctx.head.output;
  if (b === undefined && h === undefined) return;
  if (b === undefined) {
    ctx.out.push({ code: "output-added", severity: "safe", operation: ctx.label, message: `now declares its output (the ${h!.status} response schema)`, head: h!.place });
    return;
  }
  if (h === undefined) {
    ctx.out.push({
      code: "response-schema-replaced",
      severity: "breaking",
      operation: ctx.label,
      message: `no longer declares an output schema (it was ${schemaName(b)} on ${b.status})`,
      flows: "Existing flows may be broken if they are using its outputs: they no longer appear in dynamic content.",
      ...canvas(ctx, "the result"),
      advice: withRevision("Keep the response schema.", ctx.base),
      base: b.place,
      head: ctx.head.place,
    });
    return;
  }
  if (b.dynamic || h.dynamic) {
    if (b.dynamic !== h.dynamic) {
      ctx.out.push({
        code: "response-schema-replaced",
        severity: "warning",
        operation: ctx.label,
        message: h.dynamic ? "the output schema is now fetched at design time (x-ms-dynamic-schema)" : "the output schema is now static (it was x-ms-dynamic-schema)",
        flows: "Existing flows may be broken if the fields they use are not in the new schema: check them by hand.",
        base: b.place,
        head: h.place,
      });
    }
    return;
  }
  const { lost, retyped, added, reformatted, wording } = fieldChanges(b, h);
  const replaced = (b.rootRef !== "" && h.rootRef !== "" && b.rootRef !== h.rootRef) || (rootType(b) !== "" && rootType(h) !== "" && rootType(b) !== rootType(h));
  if (replaced) {
    const losses = [...lost.map((f) => `\`${show(f.path)}\``), ...retyped.map(([f, g]) => `\`${show(f.path)}\` (${f.type} → ${g.type})`)];
    const breaking = losses.length > 0;
    ctx.out.push({
      code: "response-schema-replaced",
      severity: breaking ? "breaking" : "safe",
      operation: ctx.label,
      message: `the ${h.status} response schema is now ${schemaName(h)} instead of ${schemaName(b)}${breaking ? `: ${summarize(losses, 6)} ${losses.length === 1 ? "is" : "are"} gone or retyped` : ", with every field kept"}`,
      ...(breaking
        ? {
            flows: "Existing flows may be broken if they are using the fields it lost.",
            ...canvas(ctx, "those fields"),
            advice: withRevision("Keep returning the old schema's fields (add the new ones beside them).", ctx.base),
          }
        : {}),
      base: b.place,
      head: h.place,
    });
    return;
  }
  for (const f of lost) {
    const sameButCase = added.find((g) => g.path.toLowerCase() === f.path.toLowerCase());
    ctx.out.push({
      code: "output-removed",
      severity: "breaking",
      operation: ctx.label,
      message: `output field \`${show(f.path)}\` was removed${sameButCase ? ` (\`${show(sameButCase.path)}\` is new: field names are case-sensitive)` : ""}`,
      flows: `The output field has been deleted: existing flows may be broken if they are using \`${show(f.path)}\` (dynamic content, expressions, conditions).`,
      ...canvas(ctx, `\`.${fxPath(f.path)}\``),
      advice: withRevision("Keep returning the field; `x-ms-visibility: internal` on it hides it from new flows.", ctx.base),
      base: f.place,
      head: nearestParent(h, f.path),
    });
  }
  for (const [f, g] of retyped) {
    ctx.out.push({
      code: "output-type-changed",
      severity: "breaking",
      operation: ctx.label,
      message: `output field \`${show(f.path)}\` changed type from ${f.type} to ${g.type}`,
      flows: `The type has been changed for the output field: existing flows using \`${show(f.path)}\` as a ${f.type} may fail.`,
      ...canvas(ctx, `\`.${fxPath(f.path)}\` as a ${f.type}`),
      advice: withRevision(`Keep \`${show(f.path)}\` a ${f.type}; return the new form in a new field.`, ctx.base),
      base: f.place,
      head: g.place,
    });
  }
  for (const [f, g] of reformatted) {
    ctx.out.push({
      code: "output-format-changed",
      severity: "warning",
      operation: ctx.label,
      message: `output field \`${show(f.path)}\` changed format from ${f.format || "(none)"} to ${g.format || "(none)"}`,
      flows: "Flows that parse or compare its values may read them differently.",
      base: f.place,
      head: g.place,
    });
  }
  if (added.length > 0) {
    ctx.out.push({
      code: "output-added",
      severity: "safe",
      operation: ctx.label,
      message: `new output field${added.length === 1 ? "" : "s"}: ${summarize(added.map((f) => `\`${show(f.path)}\``), 8)}`,
      head: added[0]!.place,
    });
  }
  ctx.wording.push(...wording);
}

function fieldChanges(b: OutputContract, h: OutputContract) {
  const lost: OutputField[] = [];
  const retyped: [OutputField, OutputField][] = [];
  const reformatted: [OutputField, OutputField][] = [];
  const wording: string[] = [];
  const covered: string[] = [];
  const under = (path: string) => covered.some((c) => c === "" || path.startsWith(`${c}/`));
  for (const f of b.fields.values()) {
    if (f.path === "" || under(f.path)) continue;
    const g = h.fields.get(f.path);
    if (!g) {
      lost.push(f);
      covered.push(f.path);
    } else if (f.type !== "" && g.type !== "" && f.type !== g.type) {
      retyped.push([f, g]);
      covered.push(f.path);
    } else {
      if (f.format !== g.format) reformatted.push([f, g]);
      if (f.summary !== g.summary) wording.push(`x-ms-summary of output \`${show(f.path)}\``);
      if (f.description !== g.description) wording.push(`description of output \`${show(f.path)}\``);
    }
  }
  const added: OutputField[] = [];
  const addedRoots: string[] = [];
  for (const g of h.fields.values()) {
    if (g.path === "" || b.fields.has(g.path)) continue;
    if (addedRoots.some((r) => g.path.startsWith(`${r}/`))) continue;
    if (covered.some((c) => g.path.startsWith(`${c}/`))) continue;
    added.push(g);
    addedRoots.push(g.path);
  }
  return { lost, retyped, added, reformatted, wording };
}

function canvas(ctx: OperationContext, what: string): { canvas?: string } {
  if (!isCanvasCallable(ctx.base)) return {};
  return { canvas: `Canvas formulas reading ${what} from \`${ctx.baseModel.connectorName}.${ctx.base.operationId}(…)\` will fail to compile.` };
}

function rootType(o: OutputContract): string {
  return o.fields.get("")?.type ?? "";
}

function schemaName(o: OutputContract): string {
  return o.rootRef !== "" ? `\`${o.rootRef}\`` : `an inline ${rootType(o) || "untyped"} schema`;
}

/** `items/[]/id` → `items[].id`. */
function show(path: string): string {
  return path.replace(/\/\[\]/g, "[]").replace(/\//g, ".");
}

/** Power Fx reads nested fields with dots; tables need a row first (`First(…)`), shown here as `[]`. */
function fxPath(path: string): string {
  return show(path);
}

/** Where a removed field would have been in the head: the properties of its nearest surviving parent. */
function nearestParent(o: OutputContract, path: string): Place {
  const segments = path.split("/");
  for (let n = segments.length - 1; n >= 0; n--) {
    const parent = o.fields.get(segments.slice(0, n).join("/"));
    if (parent) return { file: parent.schemaPlace.file, path: [...parent.schemaPlace.path, "properties"] };
  }
  return o.place;
}
