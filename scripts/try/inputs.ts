/**
 * The request `conduit try` sends for an action, filled in as a maker fills in the Test tab: a required input
 * gets the spec's value for it (x-ms-test-value, example, default, first enum value) or one made from its type;
 * an optional input is sent only when the spec gives it a test value or an example; internal inputs go as the
 * platform sends them (their default, when required). Path variables that an earlier create answered are bound
 * to what it returned. Pure: no IO.
 */
import type { OperationModel, ParameterModel } from "../model/model.js";
import { exampleValue, givenValue } from "../model/examples.js";
import { dereference, getAtPath, isObject, type JsonObject } from "../model/refs.js";
import { SEPARATORS } from "../../src/runtime/coerce.js";

export interface TryRequest {
  readonly method: string;
  /** The path under the app's root, values filled in and encoded: `/workorders/6f1c…`. */
  readonly path: string;
  readonly query: readonly (readonly [string, string])[];
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: TryBody;
  /** Inputs the spec gives no value for and try left out or made up, for the verbose report. */
  readonly notes: readonly string[];
}

export type TryBody =
  | { readonly kind: "json"; readonly contentType: string; readonly value: unknown }
  | { readonly kind: "text"; readonly contentType: string; readonly value: string }
  | { readonly kind: "bytes"; readonly contentType: string; readonly value: Uint8Array }
  | { readonly kind: "form"; readonly contentType: string; readonly fields: readonly TryFormField[] };

export interface TryFormField {
  readonly name: string;
  readonly value: string;
  /** A file field: sent as a file part named this. */
  readonly fileName?: string;
}

/** The raw parameter object as written (references followed), for its x-ms-test-value and example. */
function rawParameter(root: unknown, parameter: ParameterModel): JsonObject {
  const { value } = dereference(root, getAtPath(root, parameter.location.map(String)));
  return isObject(value) ? value : {};
}

/** A value for one parameter, or undefined to leave it out. */
export function parameterValue(root: unknown, parameter: ParameterModel): unknown {
  const raw = rawParameter(root, parameter);
  const internal = raw["x-ms-visibility"] === "internal";
  if (!parameter.required) {
    // Optional inputs: only what the spec offers for testing; internal optional ones the platform never sends.
    if (internal) return undefined;
    return raw["x-ms-test-value"] ?? raw["x-example"] ?? raw["example"];
  }
  const given = givenValue(raw);
  if (given !== undefined) return given;
  if (parameter.type === "array") {
    const item = isObject(raw["items"]) ? (givenValue(raw["items"]) ?? exampleValue(root, raw["items"], { direction: "request", optional: "given" })) : undefined;
    return item === undefined ? [] : [item];
  }
  if (parameter.type === "file") return "conduit try";
  return exampleValue(root, parameter.schema, { direction: "request", optional: "given" });
}

function text(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** One parameter's wire values: arrays joined by their collection format, or repeated (`multi`). */
export function serialize(parameter: ParameterModel, value: unknown): string[] {
  if (!Array.isArray(value)) return [text(value)];
  const format = parameter.collectionFormat ?? "csv";
  if (format === "multi") return value.map(text);
  return [value.map(text).join(SEPARATORS[format])];
}

/**
 * `given`: values the caller sets by parameter name (a trigger's x-ms-operation-context.simulate), over the ones
 * try would choose; for a JSON body, an object is laid over the body try would send, property by property.
 */
export function buildRequest(root: unknown, operation: OperationModel, bound: ReadonlyMap<string, string>, given: ReadonlyMap<string, unknown> = new Map()): TryRequest {
  const notes: string[] = [];
  let path = operation.path;
  const query: [string, string][] = [];
  const headers: Record<string, string> = {};
  const fields: TryFormField[] = [];
  for (const parameter of operation.parameters) {
    const boundValue = parameter.in === "path" ? bound.get(parameter.name) : undefined;
    const value = given.has(parameter.name) ? given.get(parameter.name) : (boundValue ?? parameterValue(root, parameter));
    if (value === undefined) continue;
    const wire = serialize(parameter, value);
    switch (parameter.in) {
      case "path":
        path = path.split(`{${parameter.name}}`).join(encodeURIComponent(wire[0] ?? ""));
        break;
      case "query":
        for (const item of wire) query.push([parameter.name, item]);
        break;
      case "header":
        headers[parameter.name] = wire[0] ?? "";
        break;
      case "formData":
        if (parameter.type === "file") fields.push({ name: parameter.name, value: String(value), fileName: `${parameter.name}.txt` });
        else for (const item of wire) fields.push({ name: parameter.name, value: item });
        break;
    }
  }
  const body = withGivenBody(operation, requestBody(root, operation, fields, notes), operation.body === undefined ? undefined : given.get(operation.body.name));
  return { method: operation.method, path, query, headers, ...(body === undefined ? {} : { body }), notes };
}

function requestBody(root: unknown, operation: OperationModel, fields: readonly TryFormField[], notes: string[]): TryBody | undefined {
  const body = operation.body;
  if (body === undefined) return undefined;
  const contentType = operation.consumes[0] ?? "application/json";
  switch (body.encoding) {
    case "form":
      return { kind: "form", contentType, fields };
    case "binary":
      return { kind: "bytes", contentType: contentType === "application/json" ? "application/octet-stream" : contentType, value: new TextEncoder().encode("conduit try") };
    case "text": {
      const value = bodyValue(root, operation);
      return { kind: "text", contentType, value: typeof value === "string" ? value : "conduit try" };
    }
    case "json": {
      const value = bodyValue(root, operation);
      if (value === undefined) {
        if (!body.required) return undefined;
        notes.push("the spec gives no example for the body and none can be made from its schema: sent {}");
        return { kind: "json", contentType, value: {} };
      }
      return { kind: "json", contentType, value };
    }
  }
}

function withGivenBody(operation: OperationModel, body: TryBody | undefined, value: unknown): TryBody | undefined {
  if (value === undefined || operation.body?.encoding !== "json") return body;
  const base = body?.kind === "json" ? body.value : undefined;
  const merged = isObject(value) && isObject(base) ? { ...base, ...value } : value;
  return { kind: "json", contentType: body?.contentType ?? operation.consumes[0] ?? "application/json", value: merged };
}

/** The body parameter's x-ms-test-value, else a value made from its schema (its example first). */
function bodyValue(root: unknown, operation: OperationModel): unknown {
  const raw = dereference(root, getAtPath(root, operation.body!.location.map(String))).value;
  if (isObject(raw) && raw["x-ms-test-value"] !== undefined) return raw["x-ms-test-value"];
  return exampleValue(root, operation.body!.schema, { direction: "request", optional: "given" });
}
