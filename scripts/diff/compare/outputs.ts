/**
 * The output of one operation on both sides, field by field through `$ref`s, arrays and nested objects. A schema
 * swapped for another (a different `$ref` at the root, or gone) is one finding that lists what it lost.
 */
import type { OutputContract } from "../../model/contract/contract.js";
import { withRevision } from "./advice.js";
import { walkOutputs } from "./output-walk.js";
import type { OperationContext } from "./operation.js";
import { summarize } from "./operation.js";

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
  const changes = walkOutputs(
    { model: ctx.baseModel, schema: b.schema, written: b.place },
    { model: ctx.headModel, schema: h.schema, written: h.place },
  );
  const { retyped, added, reformatted, wording } = changes;
  const lost = changes.lost.map((l) => l.field);
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
  for (const { field: f, headParent } of changes.lost) {
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
      head: headParent,
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

function canvas(ctx: OperationContext, what: string): { canvas?: string } {
  const sig = ctx.calls.beforeSig;
  if (sig.notCallable !== "") return {};
  return { canvas: `Canvas formulas reading ${what} from \`${sig.dataSource}.${sig.functionName}(…)\` will fail to compile.` };
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
