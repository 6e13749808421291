/**
 * The contract model → what makers meet, per operation: the Power Fx call (signature, arguments, an example call
 * built from the spec's samples, the returned record) and the Power Automate card and dynamic content. Pure: the
 * formatters print it as Markdown or JSON.
 */
import type { ContractModel, InputField, OperationContract, OutputContract } from "../model/contract/contract.js";
import { inputSample } from "../model/examples.js";
import { actionCard, dynamicContent, type CardField } from "../model/contract/flow.js";
import { unsubscribePath } from "../model/webhooks.js";
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
  /**
   * Actions first (sorted by summary, as the designer lists them), then triggers, then what ends their
   * subscriptions, then the connection test.
   */
  readonly operations: readonly OperationDoc[];
}

/**
 * `unsubscribe`: the internal DELETE that ends a webhook trigger's subscriptions. Power Automate calls it when a
 * flow is turned off or deleted; no maker calls it, so it is documented with its trigger rather than as an action.
 * `connection-test`: the operation `x-ms-capabilities.testConnection` names, which Power Platform calls when a
 * connection is made; not a Power Fx function nor a flow action, so it is documented apart.
 */
export type OperationKind = "action" | "trigger" | "unsubscribe" | "connection-test";

export interface OperationDoc {
  readonly operation: OperationContract;
  readonly kind: OperationKind;
  /** A webhook trigger: the DELETE that ends its subscriptions, when the spec has one. */
  readonly unsubscribe?: OperationContract;
  /** An unsubscribe: the triggers whose subscriptions it ends (operationIds). */
  readonly triggers?: readonly string[];
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
  const docs = withUnsubscribes(model.operations.map((op) => operationDoc(model, op, signatures.get(op)!))).map((d) =>
    d.kind === "action" && model.testConnection !== "" && d.operation.operationId === model.testConnection ? { ...d, kind: "connection-test" as const } : d,
  );
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
    operations: (["action", "trigger", "unsubscribe", "connection-test"] as const).flatMap((kind) => docs.filter((d) => d.kind === kind).sort(byName)),
  };
}

/**
 * Pairs each webhook trigger with the DELETE at the address its subscription answers (`<trigger path>/{id}`, else
 * beside it, as `conduit generate` pairs them). An internal one is the platform's, not an action: it moves to its
 * triggers; a visible one stays an action too, since a maker can call it.
 */
function withUnsubscribes(docs: readonly OperationDoc[]): OperationDoc[] {
  const deletes = docs.filter((d) => d.operation.method === "delete");
  const pairs = new Map<OperationDoc, OperationDoc>();
  for (const doc of docs) {
    if (doc.kind !== "trigger" || !doc.operation.webhook) continue;
    const found = unsubscribePath(doc.operation.path, deletes.map((d) => d.operation.path));
    const remover = found === undefined ? undefined : deletes.find((d) => d.operation.path === found.path);
    if (remover !== undefined) pairs.set(doc, remover);
  }
  return docs.map((doc) => {
    const remover = pairs.get(doc);
    if (remover !== undefined) return { ...doc, unsubscribe: remover.operation };
    const triggers = [...pairs].filter(([, d]) => d === doc).map(([t]) => t.operation.operationId);
    if (triggers.length === 0) return doc;
    return { ...doc, triggers, ...(doc.operation.visibility === "internal" ? { kind: "unsubscribe" as const } : {}) };
  });
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
