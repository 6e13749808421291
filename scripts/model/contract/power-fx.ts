/**
 * How a canvas app calls an operation (Power Platform notes §5, and Power Fx's connector library:
 * OpenApiParser, ConnectorFunction): `DataSource.Function(required…, {optional…})`.
 *
 * - The function is the operationId with every character outside [A-Za-z0-9] deleted, `_` before a leading digit.
 * - Required inputs come first, positionally: the path, query and header parameters in declared order (path-level
 *   ones first), then the required properties of an object body (flattened one level) or, for a body without
 *   properties, the body itself.
 * - Every other visible input is a field of one trailing record; one that shares a required input's name is
 *   renamed `name_1` (`_2`, … while that is taken too).
 * - Internal inputs are not in the call: a required one with a default is sent automatically with it, the others
 *   are never sent.
 * - Triggers, webhook registrations and internal operations are not callable from a canvas app.
 *
 * `conduit docs` prints these signatures and `conduit diff` says which of them a change breaks: both read them here.
 */
import { isObject } from "../refs.js";
import type { ContractModel, InputField, OperationContract } from "./contract.js";
import { child, type DocumentSet, type Located } from "./documents.js";
import { objectMembers, resolveSchema, schemaType, text } from "./schema.js";

/**
 * What the platform does with an input. required / optional: the maker gives it. auto: internal, required, with
 * a default: the platform sends the default. ignored: internal and optional: never sent. invalid: internal,
 * required, no default: nothing can send it.
 */
export type InputRole = "required" | "optional" | "auto" | "ignored" | "invalid";

export function inputRole(f: InputField): InputRole {
  if (f.visibility !== "internal") return f.required ? "required" : "optional";
  if (!f.required) return "ignored";
  return f.hasDefault ? "auto" : "invalid";
}

export const isVisibleRole = (r: InputRole): boolean => r === "required" || r === "optional";

export interface FxArgument {
  /** The name in the formula: the parameter or property name, or `name_1` for an optional one renamed. */
  readonly name: string;
  readonly input: InputField;
  /** The Power Fx type the argument takes: Text, Number, Boolean, DateTime, Date, Record, Table, Blob, Dynamic. */
  readonly type: string;
}

export interface FxSignature {
  readonly operation: OperationContract;
  /** The data source a canvas app adds for the connector (a second connection gets `_1`). */
  readonly dataSource: string;
  readonly functionName: string;
  /** Why a canvas app cannot call the operation; "" when it can. */
  readonly notCallable: string;
  /** Power Fx treats every method but GET and HEAD as a behaviour function (OnSelect and the like), unless x-ms-safe-operation. */
  readonly behavior: boolean;
  readonly required: readonly FxArgument[];
  readonly optional: readonly FxArgument[];
  /** Required internal inputs with a default: sent with every call, not part of it. */
  readonly automatic: readonly InputField[];
  /** Internal inputs the call never sends (optional ones, and required ones without a default). */
  readonly omitted: readonly InputField[];
  /** What makes the signature surprising or unusable (two required inputs with one name, …). */
  readonly problems: readonly string[];
}

/** `Get-Item` → `GetItem`, `list_items` → `listitems`, `2fa` → `_2fa` (Power Fx's NormalizeOperationId). */
export function fxFunctionName(operationId: string): string {
  const name = operationId.replace(/[^A-Za-z0-9]/g, "");
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

export function signatureOf(model: ContractModel, op: OperationContract): FxSignature {
  const top = op.inputs.filter((i) => i.topLevel);
  const ordered = [...top.filter((i) => !isBodyInput(i)), ...top.filter(isBodyInput)];
  const required: FxArgument[] = [];
  const optional: FxArgument[] = [];
  const automatic: InputField[] = [];
  const omitted: InputField[] = [];
  const problems: string[] = [];
  const type = (input: InputField) => fxType(model.set, input.schema, input.type);
  for (const input of ordered) {
    const role = inputRole(input);
    if (role === "required") required.push({ name: input.name, input, type: type(input) });
    else if (role === "optional") optional.push({ name: input.name, input, type: type(input) });
    else if (role === "auto") automatic.push(input);
    else omitted.push(input);
    if (role === "invalid") problems.push(`\`${input.name}\` (${input.in}) is required and internal without a default: nothing can send it, and Power Fx leaves it out`);
  }
  const requiredNames = new Set(required.map((a) => a.name));
  for (const name of requiredNames) {
    const same = required.filter((a) => a.name === name);
    if (same.length > 1) problems.push(`${same.length} required inputs are named \`${name}\` (${same.map((a) => a.input.in).join(", ")}): Power Fx cannot tell them apart`);
  }
  const renamed = optional.map((arg) => {
    if (!requiredNames.has(arg.name)) return arg;
    let n = 1;
    while (requiredNames.has(`${arg.name}_${n}`)) n++;
    problems.push(`optional ${arg.input.in} input \`${arg.name}\` shares its name with a required input: canvas apps pass it as \`${arg.name}_${n}\``);
    return { ...arg, name: `${arg.name}_${n}` };
  });
  return {
    operation: op,
    dataSource: model.connectorName,
    functionName: fxFunctionName(op.hasOperationId ? op.operationId : op.path),
    notCallable: notCallable(op),
    behavior: op.method !== "get" && op.method !== "head" && !op.safe,
    required,
    optional: renamed,
    automatic,
    omitted,
    problems,
  };
}

/** Every operation's signature, with the problems that come from operations together (two functions, one name). */
export function signaturesOf(model: ContractModel): Map<OperationContract, FxSignature> {
  const out = new Map(model.operations.map((op) => [op, signatureOf(model, op)] as const));
  const byName = new Map<string, FxSignature[]>();
  for (const sig of out.values()) {
    if (sig.notCallable !== "") continue;
    const list = byName.get(sig.functionName) ?? [];
    list.push(sig);
    byName.set(sig.functionName, list);
  }
  for (const [name, sigs] of byName) {
    if (sigs.length < 2) continue;
    for (const sig of sigs) {
      const others = sigs.filter((s) => s !== sig).map((s) => `\`${s.operation.operationId}\``).join(", ");
      out.set(sig.operation, { ...sig, problems: [...sig.problems, `its Power Fx name \`${name}\` is also the name of ${others}: Power Fx keeps only one of them`] });
    }
  }
  return out;
}

function notCallable(op: OperationContract): string {
  if (op.trigger !== "") return `a trigger (x-ms-trigger: ${op.trigger}): flows only`;
  if (op.webhook) return "registers a webhook (its path has x-ms-notification-content): flows only";
  if (op.visibility === "internal") return "internal (x-ms-visibility: internal): makers are not offered it";
  return "";
}

/** formData fields travel in the body: Power Fx reads them as the body's properties. */
function isBodyInput(input: InputField): boolean {
  return input.in === "body" || input.in === "formData";
}

/** `FieldService.CreateWorkOrder(title, customerId, {priority: …, notes: …})`: the call with each argument's name. */
export function renderSignature(sig: FxSignature, options: { maxOptional?: number } = {}): string {
  return renderCall(sig, (a) => fxName(a.name), (a) => `${fxName(a.name)}: …`, options.maxOptional);
}

/** The call with each argument rendered by `value`, and the optional ones `field` gives (all when unlimited). */
export function renderCall(
  sig: FxSignature,
  value: (arg: FxArgument) => string,
  field: (arg: FxArgument) => string | undefined,
  maxOptional = Number.POSITIVE_INFINITY,
): string {
  const args = sig.required.map(value);
  const fields = sig.optional.map(field).filter((f): f is string => f !== undefined);
  if (fields.length > 0) {
    const shown = fields.slice(0, maxOptional);
    if (fields.length > maxOptional) shown.push("…");
    args.push(`{${shown.join(", ")}}`);
  }
  return `${fxName(sig.dataSource)}.${sig.functionName}(${args.join(", ")})`;
}

// Power Fx's keywords: a field or data source named so must be quoted.
const RESERVED = new Set(["true", "false", "and", "or", "not", "in", "exactin", "as", "self", "parent", "thisitem", "thisrecord"]);

/** Power Fx quotes names that are not plain identifiers: `'api-version'`. */
export function fxName(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) && !RESERVED.has(name.toLowerCase()) ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * The Power Fx type of a schema (Power Fx's connector library, ToFormulaType): strings by format (date-time,
 * date, binary), numbers, records for objects with properties, tables for arrays, Dynamic (an untyped object to
 * cast) for anything it cannot type.
 */
export function fxType(set: DocumentSet, schema: Located, declared = schemaType(schema.value)): string {
  const value = schema.value;
  const format = text(value, "format");
  switch (declared.split("<")[0]) {
    case "string":
      if (format === "date-time" || format === "date-no-tz") return "DateTime";
      if (format === "date") return "Date";
      if (format === "binary") return "Blob";
      return "Text";
    case "integer":
    case "number":
      return "Number";
    case "boolean":
      return "Boolean";
    case "file":
      return "Blob";
    case "array": {
      if (!isObject(value)) return "Table";
      const items = resolveSchema(set, child(schema, "items"));
      const itemType = fxType(set, items);
      return itemType === "Record" || itemType === "Dynamic" ? "Table" : `Table of ${itemType}`;
    }
    case "object":
      return objectMembers(set, schema).members.length > 0 ? "Record" : "Dynamic";
    default:
      return "Dynamic";
  }
}

/**
 * A JSON value as a Power Fx literal of the schema's type: `"text"` (quotes doubled), numbers, `true`, records
 * `{name: …}`, tables `[…]` or `Table({…})`, `DateTimeValue("…")` for date-time strings, `Blank()` for null.
 */
export function fxLiteral(set: DocumentSet, schema: Located | undefined, value: unknown, depth = 0): string {
  const s = schema && isObject(schema.value) ? schema : undefined;
  const type = s ? fxType(set, s) : "";
  if (value === null || value === undefined) return "Blank()";
  if (typeof value === "string") {
    const quoted = `"${value.replace(/"/g, '""')}"`;
    if (type === "DateTime") return `DateTimeValue(${quoted})`;
    if (type === "Date") return `DateValue(${quoted})`;
    if (type === "Number" && value.trim() !== "" && Number.isFinite(Number(value))) return String(Number(value));
    return quoted;
  }
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "Blank()";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (depth > 8) return "Blank()";
  if (Array.isArray(value)) {
    const items = s ? resolveSchema(set, child(s, "items")) : undefined;
    const rendered = value.map((v) => fxLiteral(set, items, v, depth + 1));
    return value.length > 0 && value.every(isObject) ? `Table(${rendered.join(", ")})` : `[${rendered.join(", ")}]`;
  }
  if (isObject(value)) {
    const members = s ? new Map(objectMembers(set, s).members.map((m) => [m.name, m.at])) : new Map<string, Located>();
    const fields = Object.entries(value).map(([k, v]) => {
      const at = members.get(k);
      return `${fxName(k)}: ${fxLiteral(set, at ? resolveSchema(set, at) : undefined, v, depth + 1)}`;
    });
    return `{${fields.join(", ")}}`;
  }
  return "Blank()";
}

/** A value of the type to stand in where the spec has no example: the maker replaces it. */
export function fxPlaceholder(type: string, name: string): string {
  if (type === "Text") return `"<${name.replace(/"/g, "")}>"`;
  if (type === "Number") return "0";
  if (type === "Boolean") return "false";
  if (type === "DateTime") return "Now()";
  if (type === "Date") return "Today()";
  if (type === "Record") return "{}";
  if (type.startsWith("Table")) return "[]";
  if (type === "Blob") return "AddMediaButton1.Media";
  return `ParseJSON("{}")`;
}
