import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import type { Caller } from "../auth/caller.js";
import type { OperationBinding, OperationSpec, ParameterSpec, ResponseSpec } from "./contract.js";
import { readBody } from "./body.js";
import { coerceParameter } from "./coerce.js";
import { HttpProblemError, NotImplementedError } from "./errors.js";
import type { HandlerContext, ProblemDetails } from "./handler.js";
import { problem, problemResponse, PROBLEM_CONTENT_TYPE } from "./problem.js";
import { sendResponse, type HandlerResult } from "./respond.js";
import type { RuntimeSettings } from "./settings.js";
import { describeValidationErrors } from "./validation.js";

/** Decides whether a request may reach an operation, and as whom (src/auth's guard has this shape). */
export interface RequestAuthorizer {
  authorize(
    request: HttpRequest,
    operation: Pick<OperationSpec, "security" | "appRoles">,
  ): Promise<{ readonly ok: true; readonly caller: Caller | undefined } | { readonly ok: false; readonly response: HttpResponseInit; readonly log: string }>;
}

export interface AdapterOptions extends RuntimeSettings {
  readonly authorizer?: RequestAuthorizer;
}

/** What the adapter works out once per operation, so that a request only does the per-request part. */
interface OperationPlan {
  readonly binding: OperationBinding;
  readonly path: readonly ParameterSpec[];
  readonly query: readonly ParameterSpec[];
  readonly headers: readonly ParameterSpec[];
  readonly form: readonly ParameterSpec[];
  readonly responses: ReadonlyMap<string, ResponseSpec>;
}

function planOf(binding: OperationBinding): OperationPlan {
  const { parameters, responses } = binding.operation;
  return {
    binding,
    path: parameters.filter((p) => p.in === "path"),
    query: parameters.filter((p) => p.in === "query"),
    headers: parameters.filter((p) => p.in === "header"),
    form: parameters.filter((p) => p.in === "formData"),
    responses: new Map(responses.map((r) => [r.status, r])),
  };
}

/**
 * Adapts one operation to an @azure/functions HTTP handler:
 * authorize → coerce → validate → handler → validate response → HttpResponseInit.
 * Whatever the request holds, the answer is a 4xx that names the problem; only a failing handler gives a 500,
 * and its body carries the invocation id, never the error.
 */
export function adaptOperation(binding: OperationBinding, options: AdapterOptions): HttpHandler {
  const plan = planOf(binding);
  // Not an async function of its own: one promise less per request (handle's rejection carries every failure).
  return (request: HttpRequest, invocation: InvocationContext): Promise<HttpResponseInit> =>
    handle(plan, options, request, invocation).catch((error: unknown) => failure(binding.operation, error, invocation));
}

async function handle(plan: OperationPlan, options: AdapterOptions, request: HttpRequest, invocation: InvocationContext): Promise<HttpResponseInit> {
  const { operation, validators, handler } = plan.binding;

  let caller: Caller | undefined;
  if (options.authorizer !== undefined) {
    const outcome = await options.authorizer.authorize(request, operation);
    if (!outcome.ok) {
      invocation.warn(`${operation.operationId}: refused: ${outcome.log}`);
      return outcome.response;
    }
    caller = outcome.caller;
  }

  const path: Record<string, unknown> = {};
  for (const spec of plan.path) setIfDefined(path, spec.key, coerceParameter(spec, rawPath(request, spec)));
  const query: Record<string, unknown> = {};
  if (plan.query.length > 0) {
    // From the URL, not request.query: in Azure the host hands the worker one value per name, repeated names joined
    // with commas (?a=1&a=2 arrives as a=1,2), which would turn a `multi` list into one item.
    const search = new URL(request.url).searchParams;
    for (const spec of plan.query) setIfDefined(query, spec.key, coerceParameter(spec, search.getAll(spec.name)));
  }
  const headers: Record<string, unknown> = {};
  for (const spec of plan.headers) {
    const raw = request.headers.get(spec.name);
    setIfDefined(headers, spec.key, coerceParameter(spec, raw === null ? [] : [raw]));
  }

  let body: unknown;
  if (operation.body !== undefined) {
    const read = await readBody(request, operation.body, plan.form, options.maxBodyBytes);
    if (!read.ok) return problemResponse(read.problem);
    body = read.value;
  }

  const candidate = { path, query, headers, body };
  if (!validators.request(candidate)) {
    const errors = describeValidationErrors(validators.request.errors ?? [], operation.body?.encoding === "form");
    const count = errors.length === 1 ? "1 input is" : `${errors.length} inputs are`;
    return problemResponse(problem(400, `${count} not valid for ${operation.operationId}; see errors.`, { errors }));
  }

  const context: HandlerContext = new RequestContext(invocation, request, caller, options.publicOrigin);
  const result = (await (handler as (r: unknown, c: HandlerContext) => unknown)(candidate, context)) as HandlerResult;
  return sendResponse(plan, result, options.responseValidation, invocation);
}

/** What a handler gets besides its request; `publicUrl` is worked out when asked (most handlers build no link). */
class RequestContext implements HandlerContext {
  constructor(
    readonly invocation: InvocationContext,
    readonly request: HttpRequest,
    readonly caller: Caller | undefined,
    private readonly publicOrigin: string | undefined,
  ) {}

  get publicUrl(): string {
    return publicUrlOf(this.request.url, this.publicOrigin);
  }
}

/** The request URL with the configured public origin (scheme, host, port) in place of the one the request named. */
function publicUrlOf(url: string, publicOrigin: string | undefined): string {
  if (publicOrigin === undefined) return url;
  const parsed = new URL(url);
  return `${publicOrigin}${parsed.pathname}${parsed.search}`;
}

function rawPath(request: HttpRequest, spec: ParameterSpec): string[] {
  const value = request.params[spec.name];
  return value === undefined ? [] : [value];
}

function setIfDefined(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

function failure(operation: OperationSpec, error: unknown, invocation: InvocationContext): HttpResponseInit {
  if (error instanceof NotImplementedError) {
    invocation.warn(error.message);
    return problemResponse(problem(501, `${operation.operationId} is not implemented yet.`));
  }
  if (error instanceof HttpProblemError) {
    // The caller gets the detail; the cause (a host name, a driver's message) goes to the log only.
    invocation.warn(`${operation.operationId}: ${error.status} ${error.detail}`, ...(error.cause === undefined ? [] : [error.cause]));
    return problemResponse(problem(error.status, error.detail, error.errors === undefined ? undefined : { errors: [...error.errors] }), { ...error.headers });
  }
  invocation.error(`${operation.operationId} failed (invocation ${invocation.invocationId}):`, error);
  const body: ProblemDetails = problem(500, "The request could not be completed. Quote the invocation id when you report this.", {
    invocationId: invocation.invocationId,
  });
  return { status: 500, headers: { "content-type": PROBLEM_CONTENT_TYPE }, body: JSON.stringify(body) };
}

export type { OperationPlan };
