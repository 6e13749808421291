import type { HttpResponseInit, InvocationContext } from "@azure/functions";
import type { OperationPlan } from "./adapter.js";
import type { CompiledValidator, ResponseSpec } from "./contract.js";
import { SEPARATORS } from "./coerce.js";
import { problem, PROBLEM_CONTENT_TYPE } from "./problem.js";
import type { ResponseValidationMode } from "./settings.js";

/** What a handler returns: one member of its generated response union. */
export interface HandlerResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, unknown>>;
}

/**
 * Checks a handler's result against the contract (unless off) and turns it into an HttpResponseInit.
 * `enforce` answers 500 for a response that breaks the contract, so the mistake shows in development instead of
 * reaching a flow that trusts the schema; `log` sends it and logs what is wrong.
 */
export function sendResponse(
  plan: OperationPlan,
  result: HandlerResult,
  mode: ResponseValidationMode,
  invocation: InvocationContext,
): HttpResponseInit {
  const operationId = plan.binding.operation.operationId;
  if (typeof result !== "object" || result === null || !Number.isInteger(result.status)) {
    invocation.error(`${operationId}: the handler returned ${describe(result)}, not { status, body }`);
    return contractFailure(operationId);
  }
  const spec = plan.responses.get(String(result.status)) ?? plan.responses.get("default");
  if (mode !== "off") {
    const problems = contractProblems(plan, spec, result);
    if (problems.length > 0) {
      const message = `${operationId}: the ${result.status} response does not match the contract: ${problems.join("; ")}`;
      if (mode === "enforce") {
        invocation.error(message);
        return contractFailure(operationId);
      }
      invocation.warn(message);
    }
  }
  return serialize(result, spec);
}

function contractProblems(plan: OperationPlan, spec: ResponseSpec | undefined, result: HandlerResult): string[] {
  if (spec === undefined) {
    const declared = [...plan.responses.keys()].join(", ");
    return [`status ${result.status} is not declared (declared: ${declared})`];
  }
  if (spec.binary) {
    return result.body === undefined || isBinary(result.body) ? [] : ["the body must be bytes (Uint8Array, ArrayBuffer or Blob)"];
  }
  if (!spec.hasSchema) {
    if (result.body === undefined || (result.status >= 400 && isProblem(result.body))) return [];
    return ["the spec declares no body for this status"];
  }
  const validator: CompiledValidator | undefined = plan.binding.validators.responses[spec.status];
  if (validator === undefined || validator(result.body)) return [];
  return (validator.errors ?? []).map((e) => `body${e.instancePath} ${e.message ?? e.keyword}${paramHint(e.params)}`);
}

function paramHint(params: Record<string, unknown>): string {
  const name = params["missingProperty"] ?? params["additionalProperty"];
  return typeof name === "string" ? ` (${name})` : "";
}

function serialize(result: HandlerResult, spec: ResponseSpec | undefined): HttpResponseInit {
  const headers: Record<string, string> = {};
  const given = result.headers;
  if (given) {
    for (const name in given) {
      if (!Object.hasOwn(given, name)) continue;
      const value = given[name];
      if (value === undefined || value === null) continue;
      headers[name] = Array.isArray(value) ? value.map(String).join(separatorOf(spec, name)) : String(value);
    }
  }
  const { body } = result;
  if (body === undefined) return { status: result.status, headers };
  if (isBinary(body)) {
    headers["content-type"] ??= spec?.contentType ?? "application/octet-stream";
    return { status: result.status, headers, body: body instanceof ArrayBuffer ? new Uint8Array(body) : body };
  }
  if (typeof body === "string" && spec?.contentType !== undefined && !spec.contentType.includes("json")) {
    headers["content-type"] ??= spec.contentType;
    return { status: result.status, headers, body };
  }
  // A problem is sent as problem+json whether or not the spec gives it a schema, as the runtime's own problems are.
  headers["content-type"] ??= result.status >= 400 && isProblem(body) ? PROBLEM_CONTENT_TYPE : "application/json";
  return { status: result.status, headers, body: JSON.stringify(body) };
}

/** How a declared array header joins its items (csv unless the spec says otherwise). */
function separatorOf(spec: ResponseSpec | undefined, name: string): string {
  const declared = spec?.headers?.find((header) => header.name.toLowerCase() === name.toLowerCase());
  const format = declared?.collectionFormat;
  return format === undefined || format === "multi" ? "," : SEPARATORS[format];
}

function contractFailure(operationId: string): HttpResponseInit {
  const body = problem(500, `${operationId} produced a response that does not match its contract; the log has the details.`);
  return { status: 500, headers: { "content-type": PROBLEM_CONTENT_TYPE }, body: JSON.stringify(body) };
}

function isBinary(value: unknown): value is Uint8Array | ArrayBuffer | Blob {
  return value instanceof Uint8Array || value instanceof ArrayBuffer || (typeof Blob !== "undefined" && value instanceof Blob);
}

function isProblem(value: unknown): boolean {
  return typeof value === "object" && value !== null && typeof (value as { status?: unknown }).status === "number" && typeof (value as { title?: unknown }).title === "string";
}

function describe(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}
