/**
 * The contract model → what makers meet, per operation: the Power Fx call (signature, arguments, an example call
 * built from the spec's samples, the returned record) and the Power Automate card and dynamic content. Pure: the
 * formatters print it as Markdown or JSON.
 */
import type { ContractModel, InputField, OperationContract, OutputContract } from "../model/contract/contract.js";
import { inputSample } from "../model/contract/examples.js";
import { actionCard, dynamicContent, type CardField } from "../model/contract/flow.js";
import {
  fxLiteral,
  fxName,
  fxPlaceholder,
  fxType,
  renderCall,
  renderSignature,
  signaturesOf,
  type FxArgument,
  type FxSignature,
} from "../model/contract/power-fx.js";

export interface DocsReference {
  readonly title: string;
  readonly description: string;
  /** The spec as the user named it. */
  readonly source: string;
  readonly dataSource: string;
  /** Why Power Fx's connector library would refuse the whole connector; empty when it takes it. */
  readonly unsupportedExtensions: readonly string[];
  /** Actions first (sorted by summary, as the designer lists them), then triggers. */
  readonly operations: readonly OperationDoc[];
}

export interface OperationDoc {
  readonly operation: OperationContract;
  readonly kind: "action" | "trigger";
  readonly signature: FxSignature;
  /** The call with argument names (`DS.Fn(a, b, {c: …})`); null when a canvas app cannot call it. */
  readonly call: string | null;
  /** The call with the spec's samples; null when a canvas app cannot call it. */
  readonly example: string | null;
  /** Arguments whose example value is a stand-in (the spec has no sample for them). */
  readonly placeholders: readonly string[];
  readonly arguments: readonly ArgumentDoc[];
  readonly returns: ReturnsDoc | undefined;
  readonly card: readonly CardField[];
}

export interface ArgumentDoc {
  readonly argument: FxArgument;
  /** 1-based position, or "record" for a field of the trailing record. */
  readonly position: number | "record";
  /** The sample as a Power Fx literal; undefined when the spec has none. */
  readonly sample: string | undefined;
}

export interface ReturnsDoc {
  readonly output: OutputContract;
  /** The Power Fx type of the whole result. */
  readonly type: string;
  readonly fields: readonly OutputDoc[];
}

export interface OutputDoc {
  /** Dotted, as a formula reads it: `value.id`, `tags.Value`; "" for the root. */
  readonly fx: string;
  /** As stored: `value/[]/id`. */
  readonly path: string;
  readonly type: string;
  /** The dynamic-content label in flows; undefined when it is not offered (internal). */
  readonly dynamicContent: string | undefined;
  readonly description: string;
  /** The field repeats this ancestor's shape (recursive schema). */
  readonly recursive?: string;
}

export function buildReference(model: ContractModel, source: string): DocsReference {
  const signatures = signaturesOf(model);
  const docs = model.operations.map((op) => operationDoc(model, op, signatures.get(op)!));
  const byName = (a: OperationDoc, b: OperationDoc) => {
    const x = (a.operation.summary || a.operation.operationId).toLowerCase();
    const y = (b.operation.summary || b.operation.operationId).toLowerCase();
    return x < y ? -1 : x > y ? 1 : a.operation.operationId < b.operation.operationId ? -1 : 1;
  };
  return {
    title: model.title,
    description: model.description,
    source,
    dataSource: model.connectorName,
    unsupportedExtensions: model.unsupportedExtensions,
    operations: [...docs.filter((d) => d.kind === "action").sort(byName), ...docs.filter((d) => d.kind === "trigger").sort(byName)],
  };
}

function operationDoc(model: ContractModel, op: OperationContract, signature: FxSignature): OperationDoc {
  const callable = signature.notCallable === "";
  const samples = new Map<InputField, string>();
  for (const arg of [...signature.required, ...signature.optional]) {
    const sample = inputSample(model.set, op, arg.input);
    if (sample !== undefined) samples.set(arg.input, fxLiteral(model.set, arg.input.schema, sample.value));
  }
  const placeholders = signature.required.filter((a) => !samples.has(a.input)).map((a) => a.name);
  const example = callable
    ? renderCall(
        signature,
        (a) => samples.get(a.input) ?? fxPlaceholder(a.type, a.name),
        (a) => (samples.has(a.input) ? `${fxName(a.name)}: ${samples.get(a.input)}` : undefined),
      )
    : null;
  const argumentsDoc: ArgumentDoc[] = [
    ...signature.required.map((argument, i) => ({ argument, position: i + 1, sample: samples.get(argument.input) })),
    ...signature.optional.map((argument) => ({ argument, position: "record" as const, sample: samples.get(argument.input) })),
  ];
  return {
    operation: op,
    kind: op.trigger !== "" || op.webhook ? "trigger" : "action",
    signature,
    call: callable ? renderSignature(signature) : null,
    example,
    placeholders,
    arguments: argumentsDoc,
    returns: op.output ? returnsDoc(model, op.output) : undefined,
    card: actionCard(op.inputs),
  };
}

function returnsDoc(model: ContractModel, output: OutputContract): ReturnsDoc {
  const labels = new Map(dynamicContent(output).map((d) => [d.field.path, d]));
  const fields: OutputDoc[] = [];
  for (const field of output.fields.values()) {
    const content = labels.get(field.path);
    const type = output.dynamic && field.path === "" ? "Dynamic" : fxType(model.set, field.schemaPlace, field.type);
    fields.push({
      fx: fxPath(field.path, field.type),
      path: field.path,
      type,
      dynamicContent: content && !content.hidden ? content.label : undefined,
      description: field.description,
      ...(field.recursive === undefined ? {} : { recursive: fxPath(field.recursive, "object") }),
    });
  }
  return { output, type: fields[0]?.type ?? "Dynamic", fields };
}

/**
 * `value/[]/id` → `value.id` (a column of the table `value`); `tags/[]` → `tags.Value` (the one column of a
 * table of text); the root's items `[]/id` → `id`.
 */
export function fxPath(path: string, type: string): string {
  if (path === "") return "";
  const segments = path.split("/");
  const out: string[] = [];
  segments.forEach((segment, i) => {
    if (segment !== "[]") out.push(fxName(segment));
    else if (i === segments.length - 1 && type !== "object" && type !== "") out.push("Value");
  });
  return out.join(".");
}
