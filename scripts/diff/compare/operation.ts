/** One operation on both sides: its identity (id, path, method, kind), its inputs, its output, its wording. */
import type { ContractModel, OperationContract } from "../../model/contract/contract.js";
import { revisionAdvice } from "./advice.js";
import type { Finding } from "./findings.js";
import { compareInputs } from "./inputs.js";
import { compareOutputs } from "./outputs.js";
import { renderSignature, signatureOf, type FxSignature } from "../../model/contract/power-fx.js";

/** What the per-part comparisons share: both models, both operations, where findings go. */
export interface OperationContext {
  readonly baseModel: ContractModel;
  readonly headModel: ContractModel;
  readonly base: OperationContract;
  readonly head: OperationContract;
  /** The label findings carry: the head operationId, or `A → B` after a rename. */
  readonly label: string;
  readonly out: Finding[];
  /** Wording changes, gathered into one safe finding per operation. */
  readonly wording: string[];
  /** The Power Fx call before and after (signatures and as printed), and whether canvas apps call it on both sides. */
  readonly calls: {
    readonly before: string;
    readonly after: string;
    readonly callable: boolean;
    readonly beforeSig: FxSignature;
    readonly afterSig: FxSignature;
  };
}

export function compareOperation(baseModel: ContractModel, headModel: ContractModel, base: OperationContract, head: OperationContract, out: Finding[]): void {
  const renamed = base.operationId !== head.operationId;
  const label = renamed ? `${base.operationId} → ${head.operationId}` : head.operationId;
  const beforeSig = signatureOf(baseModel, base);
  const afterSig = signatureOf(headModel, head);
  const oldCall = renderSignature(beforeSig, { maxOptional: 3 });
  const calls = {
    before: oldCall,
    after: renderSignature(afterSig, { maxOptional: 3 }),
    callable: beforeSig.notCallable === "" && afterSig.notCallable === "",
    beforeSig,
    afterSig,
  };
  const ctx: OperationContext = { baseModel, headModel, base, head, label, out, wording: [], calls };
  const both = { base: base.place, head: head.place };
  if (renamed) {
    out.push({
      code: "operation-id-renamed",
      severity: "breaking",
      operation: label,
      message: `operationId \`${base.operationId}\` was renamed to \`${head.operationId}\` (${head.method.toUpperCase()} ${head.path})`,
      flows: "Flows are bound to the operationId: Power Platform treats the rename as a deletion, and existing flows that use it fail.",
      // Power Fx names the function after the operationId without its punctuation: `Get_Items` → `GetItems` keeps it.
      ...(beforeSig.notCallable === "" && beforeSig.functionName !== afterSig.functionName
        ? { canvas: `Canvas apps calling \`${oldCall}\` will fail to compile: the function is now \`${afterSig.functionName}\`.` }
        : {}),
      advice: `Keep the operationId \`${base.operationId}\`: it is the operation's identity, not its display name (change \`summary\` for that). If the new name matters, ${revisionAdvice(base).replace(/^Leave/, "leave")}`,
      ...both,
    });
  }
  // A URL that moved only with the basePath is the basePath's finding, reported once for the connector.
  const basePathOnly = baseModel.basePath !== headModel.basePath && base.path === head.path;
  // Only template variables renamed: the URL callers see is the same, and the renamed input is its own finding,
  // unless a variable is not declared as a parameter on one side, where no input finding would say it.
  const blank = (url: string) => url.replace(/\{[^}]*\}/g, "{}");
  const variablesRenamed = base.path !== head.path && !(allDeclared(base) && allDeclared(head));
  if ((blank(base.url) !== blank(head.url) || variablesRenamed) && !basePathOnly) {
    const [from, to] = baseModel.basePath === headModel.basePath ? [base.path, head.path] : [base.url, head.url];
    out.push({
      code: "path-changed",
      severity: "breaking",
      operation: label,
      message: `the path template changed from \`${from}\` to \`${to}\``,
      flows: "Every existing flow and canvas app calls the new path as soon as the connector is updated: the API must serve it first, and values flows send for renamed template variables are lost.",
      advice: revisionAdvice(base),
      base: { file: base.place.file, path: base.place.path.slice(0, 2) },
      head: { file: head.place.file, path: head.place.path.slice(0, 2) },
    });
  }
  if (base.method !== head.method) {
    out.push({
      code: "method-changed",
      severity: "breaking",
      operation: label,
      message: `the HTTP method changed from ${base.method.toUpperCase()} to ${head.method.toUpperCase()}`,
      flows: "Every existing flow and canvas app sends the new method as soon as the connector is updated: the API must accept it first.",
      ...(beforeSig.notCallable === "" && beforeSig.behavior !== afterSig.behavior
        ? { canvas: `Power Fx treats non-GET operations as behaviour functions: formulas calling \`${oldCall}\` outside behaviour properties (OnSelect…) will fail to compile.` }
        : {}),
      advice: revisionAdvice(base),
      ...both,
    });
  }
  if (base.trigger !== head.trigger) {
    const kind = (t: string) => (t === "" ? "an action" : `a trigger (${t})`);
    out.push({
      code: "operation-kind-changed",
      severity: "breaking",
      operation: label,
      message: `the operation was ${kind(base.trigger)} and is now ${kind(head.trigger)} (x-ms-trigger)`,
      flows: "Flows use actions and triggers in different places: existing flows that use it fail.",
      advice: revisionAdvice(base),
      base: { file: base.place.file, path: [...base.place.path, "x-ms-trigger"] },
      head: { file: head.place.file, path: [...head.place.path, "x-ms-trigger"] },
    });
  }
  if (!base.deprecated && head.deprecated) {
    out.push({
      code: "operation-deprecated",
      severity: "safe",
      operation: label,
      message: "marked deprecated: existing flows keep working; the designer hides it from new ones",
      head: { file: head.place.file, path: [...head.place.path, "deprecated"] },
    });
  }
  if (base.visibility !== "internal" && head.visibility === "internal") {
    out.push({
      code: "operation-hidden",
      severity: "warning",
      operation: label,
      message: "now x-ms-visibility: internal: the designer no longer offers it",
      flows: "Existing flows keep working, but nobody can add it to a flow any more; if it is being retired, deprecate it instead so users see why.",
      head: { file: head.place.file, path: [...head.place.path, "x-ms-visibility"] },
    });
  }
  if (base.summary !== head.summary) ctx.wording.push("summary");
  if (base.description !== head.description) ctx.wording.push("description");
  compareInputs(ctx);
  compareOutputs(ctx);
  if (ctx.wording.length > 0) {
    out.push({
      code: "wording-changed",
      severity: "safe",
      operation: label,
      message: `wording or placement changed: ${summarize(ctx.wording, 6)}`,
      base: base.place,
      head: head.place,
    });
  }
}

/** Whether every `{variable}` of the path template is a declared path parameter. */
function allDeclared(op: OperationContract): boolean {
  const declared = new Set(op.inputs.filter((i) => i.in === "path").map((i) => i.name));
  return [...op.path.matchAll(/\{([^}]*)\}/g)].every((m) => declared.has(m[1]!));
}

/** `a, b, c and 4 more`. */
export function summarize(items: readonly string[], max: number): string {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}
