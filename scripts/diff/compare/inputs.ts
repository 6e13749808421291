/**
 * The inputs of one operation on both sides. Inputs pair by id (location + name or body path); then an unpaired
 * one with the same name elsewhere moved, and one with the same parent, location and type was renamed. Nested body
 * fields under a removed, moved or added parent are covered by the parent's finding.
 */
import type { InputField, Place } from "../../model/contract/contract.js";
import { withRevision } from "./advice.js";
import type { ChangeSeverity, FindingCode } from "./findings.js";
import { compareInputField, describeInput, role } from "./input-field.js";
import type { OperationContext } from "./operation.js";
import { summarize } from "./operation.js";

export function compareInputs(ctx: OperationContext): void {
  const { base, head } = ctx;
  const headById = new Map(head.inputs.map((i) => [i.id, i]));
  const baseIds = new Set(base.inputs.map((i) => i.id));
  const paired = new Set<string>();
  const gone: InputField[] = [];
  for (const b of base.inputs) {
    const h = headById.get(b.id);
    if (h) {
      paired.add(h.id);
      compareInputField(ctx, b, h);
    } else {
      gone.push(b);
    }
  }
  const fresh = () => head.inputs.filter((h) => !paired.has(h.id));
  /** base id prefix → what happened to that input: renamed (to a head id), or moved / removed (descendants skipped). */
  const fate = new Map<string, { kind: "renamed"; to: string } | { kind: "moved" | "removed" }>();
  const ancestorFate = (f: InputField) => {
    for (let n = f.segments.length - 1; n >= 1; n--) {
      const id = `${f.in}:${f.segments.slice(0, n).join("/")}`;
      const known = fate.get(id);
      if (known) return { id, known };
    }
    return undefined;
  };
  for (const b of gone) {
    const ancestor = ancestorFate(b);
    if (ancestor && ancestor.known.kind !== "renamed") {
      fate.set(b.id, ancestor.known);
      continue;
    }
    if (ancestor && ancestor.known.kind === "renamed") {
      const mapped = ancestor.known.to + b.id.slice(ancestor.id.length);
      const h = headById.get(mapped);
      if (h && !paired.has(h.id)) {
        paired.add(h.id);
        fate.set(b.id, { kind: "renamed", to: h.id });
        compareInputField(ctx, b, h);
        continue;
      }
    }
    const moved = b.topLevel ? fresh().find((h) => h.topLevel && h.name === b.name && h.in !== b.in) : undefined;
    if (moved) {
      paired.add(moved.id);
      fate.set(b.id, { kind: "moved" });
      reportMoved(ctx, b, moved);
      compareInputField(ctx, b, moved, { skipType: b.in === "body" || moved.in === "body" });
      continue;
    }
    const renamedParent = ancestor && ancestor.known.kind === "renamed" ? { id: ancestor.id, to: ancestor.known.to } : undefined;
    const renamed = findRename(b, gone.filter((g) => !fate.has(g.id)), fresh(), renamedParent);
    if (renamed) {
      paired.add(renamed.to.id);
      fate.set(b.id, { kind: "renamed", to: renamed.to.id });
      reportRenamed(ctx, b, renamed.to, renamed.certain);
      compareInputField(ctx, b, renamed.to);
      continue;
    }
    fate.set(b.id, { kind: "removed" });
    reportRemoved(ctx, b);
  }
  const added = fresh().filter((h) => !hasUnpairedAncestor(h, head.inputs, paired, baseIds));
  const optional: InputField[] = [];
  for (const h of added) {
    // Required whatever its visibility or default: existing flows were saved without it (notes §7.1).
    if (h.required) reportAddedRequired(ctx, h);
    else optional.push(h);
  }
  if (optional.length > 0) {
    ctx.out.push({
      code: "input-added-optional",
      severity: "safe",
      operation: ctx.label,
      message: `new optional input${optional.length === 1 ? "" : "s"}: ${summarize(optional.map(describeInput), 8)}`,
      head: optional[0]!.place,
    });
  }
  checkOrder(ctx);
}

function hasUnpairedAncestor(h: InputField, all: readonly InputField[], paired: ReadonlySet<string>, baseIds: ReadonlySet<string>): boolean {
  for (let n = h.segments.length - 1; n >= 1; n--) {
    const id = `${h.in}:${h.segments.slice(0, n).join("/")}`;
    if (!baseIds.has(id) && !paired.has(id) && all.some((f) => f.id === id)) return true;
  }
  return false;
}

/**
 * A rename is certain when only the case changed or the summary or description stayed; likely when it is the only
 * input gone and the only one new in that place, with the same type and required-ness.
 */
function findRename(b: InputField, gone: readonly InputField[], fresh: readonly InputField[], renamedParent: { id: string; to: string } | undefined): { to: InputField; certain: boolean } | undefined {
  const parentOf = (f: InputField) => `${f.in}:${f.segments.slice(0, -1).join("/")}`;
  const baseParent = renamedParent ? renamedParent.to + parentOf(b).slice(renamedParent.id.length) : parentOf(b);
  const candidates = fresh.filter((h) => parentOf(h) === baseParent && h.type === b.type && h.in === b.in);
  const certain = candidates.find(
    (h) => h.name.toLowerCase() === b.name.toLowerCase() || (b.summary !== "" && h.summary === b.summary) || (b.description !== "" && h.description === b.description),
  );
  if (certain) return { to: certain, certain: true };
  const goneHere = gone.filter((g) => parentOf(g) === parentOf(b));
  const freshHere = fresh.filter((h) => parentOf(h) === baseParent);
  if (goneHere.length === 1 && freshHere.length === 1 && candidates.length === 1 && candidates[0]!.required === b.required) return { to: candidates[0]!, certain: false };
  return undefined;
}

const calls = (ctx: OperationContext) => ctx.calls;

/** Whether canvas apps pass the input by position (a required argument of the call before the change). */
const isPositional = (ctx: OperationContext, input: InputField) => ctx.calls.beforeSig.required.some((a) => a.input.id === input.id);

function push(ctx: OperationContext, code: FindingCode, severity: ChangeSeverity, message: string, parts: { flows?: string; canvas?: string; advice?: string; base?: InputField; head?: InputField }): void {
  ctx.out.push({
    code,
    severity,
    operation: ctx.label,
    message,
    ...(parts.flows ? { flows: parts.flows } : {}),
    ...(parts.canvas ? { canvas: parts.canvas } : {}),
    ...(parts.advice ? { advice: parts.advice } : {}),
    ...(parts.base ? { base: parts.base.place } : {}),
    head: parts.head ? parts.head.place : parts.base ? nearestInHead(ctx, parts.base) : ctx.head.place,
  });
}

/** Where a removed input would have been in the head: its parent field, or the operation's parameters. */
function nearestInHead(ctx: OperationContext, b: InputField): Place {
  for (let n = b.segments.length - 1; n >= 1; n--) {
    const parent = ctx.head.inputs.find((h) => h.id === `${b.in}:${b.segments.slice(0, n).join("/")}`);
    if (parent) return parent.place;
  }
  const sibling = ctx.head.inputs.find((h) => h.in === b.in && h.topLevel);
  return sibling ? sibling.place : { file: ctx.head.place.file, path: [...ctx.head.place.path, "parameters"] };
}

function reportRemoved(ctx: OperationContext, b: InputField): void {
  const r = role(b);
  const { before, after, callable } = calls(ctx);
  if (r === "auto") {
    push(ctx, "input-removed", "warning", `internal input ${describeInput(b)} was removed`, {
      flows: `The platform sent \`${b.name}\` = ${JSON.stringify(b.default)} with every call; it no longer does: the API must not need it any more.`,
      base: b,
    });
    return;
  }
  if (r !== "required" && r !== "optional") {
    push(ctx, "input-removed", "safe", `internal input ${describeInput(b)} was removed (the platform ignored it: optional and internal)`, { base: b });
    return;
  }
  const canvas = !callable || !b.topLevel
    ? undefined
    : isPositional(ctx, b)
      ? `Canvas apps calling \`${before}\` will fail to compile: it now takes \`${after}\`.`
      : `Canvas apps that pass \`${b.name}\` in the record of \`${before}\` will fail to compile.`;
  push(ctx, "input-removed", "breaking", `input ${describeInput(b)} was removed`, {
    flows: `Existing flows that set \`${b.name}\` lose that value: the connector no longer sends it.`,
    ...(canvas ? { canvas } : {}),
    advice: withRevision(`Keep accepting \`${b.name}\` (the API may ignore it): move it to \`x-ms-visibility: advanced\` and say in its description that it is no longer used.`, ctx.base),
    base: b,
  });
}

function reportMoved(ctx: OperationContext, b: InputField, h: InputField): void {
  const { before, after, callable } = calls(ctx);
  const orderChanged = callable && isPositional(ctx, b) && before !== after;
  push(ctx, "input-moved", "breaking", `input \`${b.name}\` moved from ${b.in} to ${h.in}`, {
    flows: "The location has been changed for the parameter: existing flows will continue to send it in the old location.",
    ...(orderChanged ? { canvas: `Canvas apps calling \`${before}\` pass arguments by position: they will fail to compile or send values to the wrong inputs; it now takes \`${after}\`.` } : {}),
    advice: withRevision(`Keep \`${b.name}\` in ${b.in}; if the API reads it from ${h.in} now, have it accept both.`, ctx.base),
    base: b,
    head: h,
  });
}

function reportRenamed(ctx: OperationContext, b: InputField, h: InputField, certain: boolean): void {
  const { before, callable } = calls(ctx);
  const canvas = callable && b.topLevel && !isPositional(ctx, b)
    ? `Canvas apps that pass \`${b.name}\` in the record of \`${before}\` will fail to compile.`
    : undefined;
  const verb = certain ? "was renamed to" : "was removed and";
  const what = certain ? `${describeInput(h)}` : `${describeInput(h)} added in its place (a rename?)`;
  push(ctx, "input-renamed", "breaking", `input ${describeInput(b)} ${verb} ${what}`, {
    flows: `Existing flows saved their value under \`${b.name}\`; the connector now takes \`${h.name}\`, so that value is no longer sent${h.required ? " and their calls fail (it is required)" : ""}.`,
    ...(canvas ? { canvas } : {}),
    advice: withRevision(`Keep the name \`${b.name}\`: it is the field's identity in flows and formulas; change \`x-ms-summary\` to change what the designer shows.`, ctx.base),
    base: b,
    head: h,
  });
}

/**
 * A new required input breaks existing flows whatever it looks like: they were saved without it, so they do not
 * send it, default or not (the designer fills a default in when an action is added, not in flows already saved),
 * and Power Platform's change check rates every new required input breaking. Canvas apps take it as a new
 * positional argument, unless it is internal with a default, which Power Fx sends by itself.
 */
function reportAddedRequired(ctx: OperationContext, h: InputField): void {
  const { before, after, callable } = calls(ctx);
  const r = role(h);
  const what = r === "auto" ? ` (internal, default ${JSON.stringify(h.default)})` : r === "invalid" ? " is internal without a default" : h.hasDefault ? ` (default ${JSON.stringify(h.default)})` : "";
  const canvas = !callable || !h.topLevel
    ? undefined
    : r === "required"
      ? `Canvas apps calling \`${before}\` will fail to compile: it now takes \`${after}\`.`
      : r === "auto"
        ? "Canvas apps send its default by themselves: their formulas keep working."
        : undefined;
  push(ctx, "input-added-required", "breaking", `new required input ${describeInput(h)}${what}`, {
    flows: `Existing flows will not send this new field${h.hasDefault ? ": its default fills the card of new actions only, not of flows already saved" : ""}.`,
    ...(canvas ? { canvas } : {}),
    advice: withRevision(`Make \`${h.name}\` optional and have the API use ${h.hasDefault ? `\`${JSON.stringify(h.default)}\`` : "a default"} when it is missing.`, ctx.base),
    head: h,
  });
}

/** Canvas apps pass required inputs by position: the same names in another order break them quietly. */
function checkOrder(ctx: OperationContext): void {
  const { before, after, callable } = calls(ctx);
  if (!callable) return;
  const a = ctx.calls.beforeSig.required.map((arg) => arg.name);
  const b = ctx.calls.afterSig.required.map((arg) => arg.name);
  if (a.length !== b.length || a.join("\0") === b.join("\0")) return;
  if ([...a].sort().join("\0") !== [...b].sort().join("\0")) return;
  push(ctx, "input-reordered", "breaking", `the required inputs changed order: (${a.join(", ")}) → (${b.join(", ")})`, {
    canvas: `Canvas apps calling \`${before}\` pass arguments by position: they will fail to compile or, where the types match, send values to the wrong inputs. It now takes \`${after}\`.`,
    advice: withRevision("Restore the order: canvas apps take non-body parameters in declared order, then required body properties in schema order.", ctx.base),
  });
}
