/**
 * How a canvas app calls an operation (Power Platform notes §5): `Connector.OperationId(required…, {optional…})`.
 * Required non-body inputs come first in declared order, then required top-level body properties; every other
 * visible input goes into one trailing record. Internal inputs are not part of the call.
 */
import type { InputField, OperationContract } from "../../model/contract/contract.js";

export interface CallShape {
  readonly positional: readonly string[];
  readonly optional: readonly string[];
}

/** Triggers and internal operations are not called from Power Fx. */
export function isCanvasCallable(op: OperationContract): boolean {
  return op.trigger === "" && op.visibility !== "internal";
}

export function isPositional(input: InputField): boolean {
  return input.topLevel && input.required && input.visibility !== "internal";
}

export function callShape(op: OperationContract): CallShape {
  const visible = op.inputs.filter((i) => i.topLevel && i.visibility !== "internal");
  const ordered = [...visible.filter((i) => i.in !== "body"), ...visible.filter((i) => i.in === "body")];
  return {
    positional: ordered.filter((i) => i.required).map((i) => i.name),
    optional: ordered.filter((i) => !i.required).map((i) => i.name),
  };
}

/** `FieldService.CreateWorkOrder(title, customerId, {priority: …, notes: …})`. */
export function renderCall(connector: string, operationId: string, shape: CallShape): string {
  const args = shape.positional.map(fxName);
  if (shape.optional.length > 0) {
    const shown = shape.optional.slice(0, 3).map((n) => `${fxName(n)}: …`);
    if (shape.optional.length > 3) shown.push("…");
    args.push(`{${shown.join(", ")}}`);
  }
  return `${fxName(connector)}.${fxName(operationId)}(${args.join(", ")})`;
}

/** Power Fx quotes names that are not plain identifiers: `'api-version'`. */
export function fxName(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
