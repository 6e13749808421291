/**
 * Sample values for an operation's inputs, from what the spec itself offers (Power Platform notes §2.4):
 * `x-ms-test-value`, `example` in schemas, `x-example`, `default`, the first enum value, and for a body property
 * the body parameter's or body schema's own sample. Objects without a sample of their own are put together from
 * their properties' samples. Nothing is invented here: no sample is `undefined`.
 */
import { isObject } from "../refs.js";
import type { InputField, OperationContract } from "./contract.js";
import { child, type DocumentSet, type Located } from "./documents.js";
import { objectMembers, resolveSchema, schemaType } from "./schema.js";

export interface Sample {
  readonly value: unknown;
  /** Where it was found, for the reader: `x-ms-test-value`, `example`, `default`, `enum`, `body example`, `properties`. */
  readonly from: string;
}

const OWN_KEYS = ["x-ms-test-value", "example", "x-example"] as const;

export function inputSample(set: DocumentSet, op: OperationContract, input: InputField): Sample | undefined {
  if (input.in !== "body") return ownSample(input.schema.value) ?? fallbackSample(input.schema.value);
  const body = op.body;
  const wholeBody = body !== undefined && input.segments.length === 1 && input.schema.value === body.schema.value;
  if (body && !wholeBody) {
    // A property of a flattened body: its own sample, else the one the whole body's sample gives it.
    const own = ownSample(input.written) ?? ownSample(input.schema.value);
    if (own) return own;
    for (const holder of [body.parameter.value, body.schema.value]) {
      const whole = ownSample(holder);
      if (whole && isObject(whole.value) && whole.value[input.name] !== undefined) return { value: whole.value[input.name], from: `body ${whole.from}` };
    }
  } else if (body) {
    const own = ownSample(body.parameter.value) ?? ownSample(input.schema.value);
    if (own) return own;
  }
  return fallbackSample(input.schema.value) ?? composedSample(set, input.schema, 0);
}

/** A sample for a whole schema (a response, a nested record): its own, else put together from its members. */
export function schemaSample(set: DocumentSet, schema: Located): Sample | undefined {
  return ownSample(schema.value) ?? fallbackSample(schema.value) ?? composedSample(set, schema, 0);
}

function ownSample(node: unknown): Sample | undefined {
  if (!isObject(node)) return undefined;
  for (const key of OWN_KEYS) if (node[key] !== undefined) return { value: node[key], from: key };
  return undefined;
}

function fallbackSample(node: unknown): Sample | undefined {
  if (!isObject(node)) return undefined;
  if (node["default"] !== undefined) return { value: node["default"], from: "default" };
  const items = isObject(node["items"]) ? node["items"] : undefined;
  const list = Array.isArray(node["enum"]) ? node["enum"] : undefined;
  if (list && list.length > 0) return { value: list[0], from: "enum" };
  if (node["type"] === "array" && items && Array.isArray(items["enum"]) && items["enum"].length > 0) return { value: [items["enum"][0]], from: "enum" };
  return undefined;
}

function composedSample(set: DocumentSet, schema: Located, depth: number): Sample | undefined {
  if (depth > 6 || !isObject(schema.value)) return undefined;
  if (schemaType(schema.value) === "array") {
    const items = resolveSchema(set, child(schema, "items"));
    const item = ownSample(items.value) ?? fallbackSample(items.value) ?? composedSample(set, items, depth + 1);
    return item ? { value: [item.value], from: "items" } : undefined;
  }
  const members = objectMembers(set, schema).members;
  if (members.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const m of members) {
    const resolved = resolveSchema(set, m.at);
    const sample = ownSample(m.at.value) ?? ownSample(resolved.value) ?? fallbackSample(resolved.value) ?? composedSample(set, resolved, depth + 1);
    if (sample) out[m.name] = sample.value;
  }
  return Object.keys(out).length > 0 ? { value: out, from: "properties" } : undefined;
}
