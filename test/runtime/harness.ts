/**
 * Hand-built operations for the runtime tests: an OperationSpec written out, its request and response schemas
 * compiled with the generator's own ajv configuration (in the test, not precompiled), a handler, and real
 * @azure/functions HttpRequest and InvocationContext objects to call the adapted function with.
 */
import pkg from "@azure/functions";
import type { HttpHandler, HttpRequestInit, HttpResponseInit } from "@azure/functions";
import { createAjv } from "../../scripts/generate/ajv.js";
import type { CompiledValidator, OperationBinding, OperationSpec, OperationValidators } from "../../src/runtime/contract.js";
import type { HandlerContext } from "../../src/runtime/handler.js";
import { adaptOperation, type AdapterOptions } from "../../src/runtime/adapter.js";

const { HttpRequest, HttpResponse, InvocationContext } = pkg;

const ajv = createAjv();

export interface Schemas {
  /** Properties of the request's groups; each group becomes an object schema with these properties. */
  readonly path?: Record<string, unknown>;
  readonly query?: Record<string, unknown>;
  readonly headers?: Record<string, unknown>;
  readonly required?: { readonly path?: string[]; readonly query?: string[]; readonly headers?: string[] };
  readonly body?: unknown;
  readonly bodyRequired?: boolean;
  readonly responses?: Record<string, unknown>;
}

/** Validators as generated/validators.ts would hold them, compiled here from the schemas. */
export function compileValidators(schemas: Schemas): OperationValidators {
  const group = (properties: Record<string, unknown> = {}, required: string[] = []) => ({
    type: "object",
    properties,
    ...(required.length > 0 ? { required } : {}),
  });
  const request = {
    type: "object",
    properties: {
      path: group(schemas.path, schemas.required?.path),
      query: group(schemas.query, schemas.required?.query),
      headers: group(schemas.headers, schemas.required?.headers),
      ...(schemas.body === undefined ? {} : { body: schemas.body }),
    },
    required: ["path", "query", "headers", ...(schemas.bodyRequired ? ["body"] : [])],
  };
  const responses: Record<string, CompiledValidator> = {};
  for (const [status, schema] of Object.entries(schemas.responses ?? {})) responses[status] = ajv.compile(schema as object) as CompiledValidator;
  return { request: ajv.compile(request) as CompiledValidator, responses };
}

export type TestHandler = (request: never, context: HandlerContext) => unknown;

export function bindingOf(operation: OperationSpec, schemas: Schemas, handler: TestHandler): OperationBinding {
  return { operation, validators: compileValidators(schemas), handler };
}

export const DEFAULT_OPTIONS: AdapterOptions = { maxBodyBytes: 1024, responseValidation: "enforce" };

export interface LogLine {
  readonly level: string;
  readonly text: string;
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON, when it is JSON. */
  readonly json: Record<string, unknown> | undefined;
  readonly logs: readonly LogLine[];
  readonly invocationId: string;
}

/** Calls the adapted function once, as the Functions host would, and reads the answer as a client would. */
export async function invoke(handler: HttpHandler, init: HttpRequestInit, invocationId = "2f2a3b6c-0000-4000-8000-000000000001"): Promise<Answer> {
  const logs: LogLine[] = [];
  const context = new InvocationContext({
    functionName: "test",
    invocationId,
    logHandler: (level, ...args) => logs.push({ level, text: args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack ?? ""}` : String(arg))).join(" ") }),
  });
  const init2: HttpRequestInit = { method: "GET", ...init };
  const response = new HttpResponse((await handler(new HttpRequest(init2), context)) as HttpResponseInit);
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json, logs, invocationId };
}

/** An operation's adapted function, ready for `invoke`. */
export function adapt(binding: OperationBinding, options: Partial<AdapterOptions> = {}): HttpHandler {
  return adaptOperation(binding, { ...DEFAULT_OPTIONS, ...options });
}

export function jsonBody(value: unknown): HttpRequestInit["body"] {
  return { string: JSON.stringify(value) };
}

/** A minimal operation: override what the test is about. */
export function operation(overrides: Partial<OperationSpec> & Pick<OperationSpec, "operationId">): OperationSpec {
  return {
    method: "GET",
    path: "/things",
    route: "things",
    parameters: [],
    responses: [{ status: "200", hasSchema: true, contentType: "application/json" }],
    security: [],
    ...overrides,
  };
}
