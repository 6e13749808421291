/**
 * One input present on both sides: required-ness, visibility, type, format, enum, default and wording. What a
 * change means depends on the input's role: what the platform does with it (Power Platform notes §2.1, §5).
 */
import type { InputField } from "../../model/contract/contract.js";
import { inputRole, isVisibleRole } from "../../model/contract/power-fx.js";
import { withRevision } from "./advice.js";
import type { ChangeSeverity, FindingCode } from "./findings.js";
import type { OperationContext } from "./operation.js";

export const role = inputRole;
const visible = isVisibleRole;

/** `` `priority` (query) ``, `` `address.city` (body) ``. */
export function describeInput(f: InputField): string {
  return `\`${f.segments.join(".").replace(/\.\[\]/g, "[]")}\` (${f.in})`;
}

export function compareInputField(ctx: OperationContext, b: InputField, h: InputField, options: { skipType?: boolean } = {}): void {
  const rb = role(b);
  const rh = role(h);
  const { before, after, callable } = ctx.calls;
  const canvasTopLevel = callable && b.topLevel && h.topLevel;
  const push = (code: FindingCode, severity: ChangeSeverity, message: string, parts: { flows?: string; canvas?: string | undefined; advice?: string }) => {
    ctx.out.push({
      code,
      severity,
      operation: ctx.label,
      message,
      ...(parts.flows ? { flows: parts.flows } : {}),
      ...(parts.canvas ? { canvas: parts.canvas } : {}),
      ...(parts.advice ? { advice: parts.advice } : {}),
      base: b.place,
      head: h.place,
    });
  };
  const name = describeInput(h);

  if (rb === "optional" && rh === "required") {
    push("input-made-required", "breaking", `input ${name} became required`, {
      flows: `Existing flows that leave \`${h.name}\` empty will fail: it is now required.`,
      canvas: canvasTopLevel ? `Canvas apps calling \`${before}\` will fail to compile: \`${h.name}\` is now a positional argument: \`${after}\`.` : undefined,
      advice: withRevision(`Keep \`${h.name}\` optional and have the API use a default when it is missing.`, ctx.base),
    });
  } else if (rb === "required" && rh === "optional") {
    push("input-made-optional", canvasTopLevel ? "breaking" : "safe", `input ${name} became optional`, {
      canvas: canvasTopLevel ? `Canvas apps calling \`${before}\` will fail to compile: \`${h.name}\` moves into the trailing record: \`${after}\`. Existing flows keep working.` : undefined,
      ...(canvasTopLevel ? { advice: withRevision(`Keep \`${h.name}\` required in the spec while canvas apps use the operation (the API may still tolerate it missing).`, ctx.base) } : {}),
    });
  } else if (visible(rb) && !visible(rh)) {
    const replaced = rh === "auto" ? `replaced by the default ${JSON.stringify(h.default)}` : rh === "ignored" ? "dropped: the platform ignores optional internal inputs" : "unsendable: a required internal input needs a default, so calls fail";
    push("input-hidden", rb === "required" || rh === "invalid" ? "breaking" : "warning", `${rb} input ${name} became internal (x-ms-visibility: internal)`, {
      flows: `Existing flows' values for \`${h.name}\` are ${replaced}.`,
      canvas: canvasTopLevel ? (rb === "required" ? `Canvas apps calling \`${before}\` will fail to compile: it now takes \`${after}\`.` : `Canvas apps that pass \`${h.name}\` in the record of \`${before}\` will fail to compile.`) : undefined,
      advice: withRevision(`Keep \`${h.name}\` visible; \`x-ms-visibility: advanced\` tucks it behind "Show advanced options" without taking it from anyone.`, ctx.base),
    });
  } else if (!visible(rb) && visible(rh)) {
    const breaking = rh === "required";
    push("input-unhidden", breaking ? "breaking" : "safe", `internal input ${name} is now visible and ${rh}`, {
      ...(breaking
        ? {
            flows: `Existing flows were saved without a value for \`${h.name}\` (the platform ${rb === "auto" ? "filled in the default" : "never sent it"}): the required field is now empty for them.`,
            canvas: canvasTopLevel ? `Canvas apps calling \`${before}\` will fail to compile: it now takes \`${after}\`.` : undefined,
            advice: withRevision(`Show \`${h.name}\` as an optional input, with the API keeping the old default when it is missing.`, ctx.base),
          }
        : {}),
    });
  } else if (!visible(rb) && !visible(rh)) {
    if (rb !== rh || JSON.stringify(b.default) !== JSON.stringify(h.default)) {
      const message = rh === "auto"
        ? rb === "auto"
          ? `the value the platform sends for internal input ${name} changed from ${JSON.stringify(b.default)} to ${JSON.stringify(h.default)}`
          : `the platform now sends internal input ${name} = ${JSON.stringify(h.default)} with every call`
        : `the platform no longer sends internal input ${name}${rb === "auto" ? ` (it sent ${JSON.stringify(b.default)})` : ""}`;
      push("input-default-changed", "warning", message, { flows: "Every existing flow's calls change with it: the API must expect the new value." });
    }
    return;
  }

  if (visible(rb) && visible(rh)) {
    if ((b.hasDefault || h.hasDefault) && JSON.stringify(b.default) !== JSON.stringify(h.default)) {
      push("input-default-changed", "warning", `the default of input ${name} changed from ${show(b.default)} to ${show(h.default)}`, {
        flows: "Calls that leave it empty may now behave differently.",
      });
    }
    if (b.visibility !== h.visibility) ctx.wording.push(`${name} shown as ${h.visibility || "normal"} (was ${b.visibility || "normal"})`);
  }
  if (b.summary !== h.summary) ctx.wording.push(`x-ms-summary of ${name}`);
  if (b.description !== h.description) ctx.wording.push(`description of ${name}`);
  // Values only matter where flows could set them on both sides: an input that was internal was never theirs.
  if (!visible(rb) || !visible(rh)) return;

  if (!options.skipType && b.type !== "" && h.type !== "" && b.type !== h.type) {
    push("input-type-changed", "breaking", `input ${name} changed type from ${b.type} to ${h.type}`, {
      flows: `Existing flows send a ${b.type} for \`${h.name}\`; the API now expects a ${h.type}, so their calls may be refused.`,
      canvas: canvasTopLevel ? `Canvas formulas passing a ${b.type} as \`${h.name}\` to \`${before}\` will fail to compile.` : undefined,
      advice: withRevision(`Keep \`${h.name}\` a ${b.type}; take the new form in a new optional input.`, ctx.base),
    });
  }
  if (b.format !== h.format) {
    if (h.format === "") {
      push("input-format-changed", "safe", `input ${name} no longer requires format ${b.format}`, {});
    } else {
      push("input-format-changed", "warning", `input ${name} changed format from ${b.format || "(none)"} to ${h.format}`, {
        flows: "Values existing flows send in the old format may be refused.",
        advice: `Accept both formats in the API, or keep \`format: ${b.format || "(none)"}\`.`,
      });
    }
  }
  compareEnums(b, h, name, push, ctx);
}

type Push = (code: FindingCode, severity: ChangeSeverity, message: string, parts: { flows?: string; canvas?: string | undefined; advice?: string }) => void;

function compareEnums(b: InputField, h: InputField, name: string, push: Push, ctx: OperationContext): void {
  if (b.enum === undefined && h.enum === undefined) return;
  if (b.enum === undefined) {
    // Power Platform's change check rates this breaking; the formula's type (Text) stays, but not what it accepts.
    push("input-enum-added", "breaking", `input ${name} now only accepts ${list(h.enum ?? [])}`, {
      flows: "The list of enum values has been added: existing flows may use values outside of this list, and those calls will be refused.",
      canvas: ctx.calls.callable && h.topLevel ? `Canvas formulas passing any other value as \`${h.name}\` to \`${ctx.calls.before}\` compile but their calls will be refused.` : undefined,
      advice: withRevision("If the API always refused other values, this only documents it and can be acknowledged (--allow-breaking); otherwise keep accepting them and describe the usual values in `x-ms-enum-values` or the description instead.", ctx.base),
    });
    return;
  }
  if (h.enum === undefined) {
    push("input-enum-widened", "safe", `input ${name} no longer limits its values to an enum`, {});
    return;
  }
  const after = new Set(h.enum.map((v) => JSON.stringify(v)));
  const before = new Set(b.enum.map((v) => JSON.stringify(v)));
  const dropped = b.enum.filter((v) => !after.has(JSON.stringify(v)));
  const addedValues = h.enum.filter((v) => !before.has(JSON.stringify(v)));
  if (dropped.length > 0) {
    push("input-enum-narrowed", "breaking", `input ${name} no longer accepts ${list(dropped)}`, {
      flows: `Existing flows that send ${list(dropped, "or")} will be refused.`,
      advice: withRevision("Keep the old values in the enum and map them to their replacements in the API.", ctx.base),
    });
  } else if (addedValues.length > 0) {
    push("input-enum-widened", "safe", `input ${name} accepts new values: ${list(addedValues)}`, {});
  }
}

function list(values: readonly unknown[], conjunction = "and"): string {
  const shown = values.slice(0, 6).map((v) => `\`${typeof v === "string" ? v : JSON.stringify(v)}\``);
  if (values.length > 6) return `${shown.join(", ")} ${conjunction} ${values.length - 6} more`;
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} ${conjunction} ${shown[shown.length - 1]}`;
}

function show(value: unknown): string {
  return value === undefined ? "(none)" : JSON.stringify(value);
}
