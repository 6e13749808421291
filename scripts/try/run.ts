/**
 * Runs planned steps against the app over HTTP, one after another: builds each request, sends it with the
 * function key and the token as the connector would, judges the answer, and carries the ids that creates return
 * to the actions that address what they created.
 */
import { performance } from "node:perf_hooks";
import type { OperationModel } from "../model/model.js";
import type { OperationSpec, OperationValidators } from "../../src/runtime/contract.js";
import { buildRequest, type TryBody, type TryRequest } from "./inputs.js";
import { createdCollection, pathVariables, type Step } from "./plan.js";
import { judge, type Verdict } from "./verdict.js";

/** The app's contract as its build has it: generated/operations.ts and generated/validators.ts. */
export interface GeneratedContract {
  readonly operations: Readonly<Record<string, OperationSpec>>;
  readonly validators: Readonly<Record<string, OperationValidators>>;
}

export interface RunContext {
  /** The spec document (references inside it resolvable). */
  readonly root: unknown;
  readonly all: readonly OperationModel[];
  /** The app's root URL with the route prefix, no trailing slash. */
  readonly url: string;
  /** Sent with every call: the function key, the bearer token. */
  readonly headers: Readonly<Record<string, string>>;
  readonly contract: GeneratedContract;
  /** The build's view of an operation differs from the spec's: a reason, else undefined. */
  readonly stale: (operation: OperationModel) => string | undefined;
  readonly timeoutMs?: number;
}

export type StepResult =
  | { readonly kind: "skipped"; readonly step: Step; readonly reason: string }
  | {
      readonly kind: "called";
      readonly step: Step & { kind: "call" };
      readonly request: TryRequest;
      readonly status: number;
      readonly ms: number;
      readonly verdict: Verdict;
      readonly responseText: string;
    }
  | { readonly kind: "failed"; readonly step: Step & { kind: "call" }; readonly request?: TryRequest; readonly reason: string; readonly ms: number };

export interface RunOutcome {
  readonly results: readonly StepResult[];
  /** What the run created and did not delete (the spec has no delete, or it failed). */
  readonly leftBehind: readonly string[];
}

export async function runSteps(steps: readonly Step[], context: RunContext, report: (result: StepResult) => void): Promise<RunOutcome> {
  const ids = new Map<string, { id: string; by: string }>();
  const results: StepResult[] = [];
  const emit = (result: StepResult): void => {
    results.push(result);
    report(result);
  };
  for (const step of steps) {
    if (step.kind === "skip") {
      emit({ kind: "skipped", step, reason: step.reason });
      continue;
    }
    const operation = step.operation;
    const stale = context.stale(operation);
    if (stale !== undefined) {
      emit({ kind: "failed", step, reason: stale, ms: 0 });
      continue;
    }
    const bound = new Map<string, string>();
    const missing: string[] = [];
    for (const variable of pathVariables(operation.path)) {
      const created = ids.get(variable.collection);
      if (created !== undefined) bound.set(variable.name, created.id);
      else missing.push(variable.name);
    }
    if (step.role === "cleanup" && missing.length > 0) {
      emit({ kind: "skipped", step, reason: "cleanup: nothing was created to delete" });
      continue;
    }
    const request = buildRequest(context.root, operation, bound);
    const started = performance.now();
    let response: Response;
    let text: string;
    try {
      response = await send(context, request);
      text = await response.text();
    } catch (error) {
      emit({ kind: "failed", step, request, reason: `no answer: ${describe(error)}`, ms: performance.now() - started });
      continue;
    }
    const ms = performance.now() - started;
    const generated = context.contract.operations[operation.name]!;
    const verdict = judge(generated.responses, context.contract.validators[operation.name]!, {
      status: response.status,
      contentType: response.headers.get("content-type") ?? undefined,
      wwwAuthenticate: response.headers.get("www-authenticate") ?? undefined,
      text,
    });
    emit({ kind: "called", step, request, status: response.status, ms, verdict, responseText: text });
    const ok = response.status >= 200 && response.status < 300;
    const collection = createdCollection(operation, context.all);
    if (ok && collection !== undefined) {
      const id = createdId(response, text, collection, context.all);
      if (id !== undefined) ids.set(collection, { id, by: operation.operationId });
    }
    if (ok && operation.method === "DELETE") {
      const variable = pathVariables(operation.path).at(-1);
      if (variable !== undefined && ids.get(variable.collection)?.id === bound.get(variable.name)) ids.delete(variable.collection);
    }
  }
  const leftBehind = [...ids.values()].map(({ id, by }) => `${by} created ${id}, and the run had no way to delete it`);
  return { results, leftBehind };
}

async function send(context: RunContext, request: TryRequest): Promise<Response> {
  const url = new URL(`${context.url}${request.path}`);
  for (const [name, value] of request.query) url.searchParams.append(name, value);
  const headers: Record<string, string> = { ...context.headers, ...request.headers };
  const body = encodeBody(request.body, headers);
  return fetch(url, {
    method: request.method,
    headers,
    ...(body === undefined ? {} : { body }),
    redirect: "manual",
    signal: AbortSignal.timeout(context.timeoutMs ?? 30_000),
  });
}

function encodeBody(body: TryBody | undefined, headers: Record<string, string>): string | Uint8Array | URLSearchParams | FormData | undefined {
  if (body === undefined) return undefined;
  switch (body.kind) {
    case "json":
      headers["content-type"] = body.contentType;
      return JSON.stringify(body.value);
    case "text":
      headers["content-type"] = body.contentType;
      return body.value;
    case "bytes":
      headers["content-type"] = body.contentType;
      return body.value;
    case "form": {
      if (/x-www-form-urlencoded/i.test(body.contentType)) {
        headers["content-type"] = body.contentType;
        return new URLSearchParams(body.fields.map((f): [string, string] => [f.name, f.value]));
      }
      // multipart: fetch writes the content-type with its boundary.
      const form = new FormData();
      for (const field of body.fields) {
        if (field.fileName !== undefined) form.append(field.name, new Blob([field.value], { type: "text/plain" }), field.fileName);
        else form.append(field.name, field.value);
      }
      return form;
    }
  }
}

/**
 * The id of what a create made: the last segment of its Location when that sits under the collection, else the
 * body's property named like the item path's variable, else its `id`.
 */
export function createdId(response: Pick<Response, "headers">, text: string, collection: string, all: readonly OperationModel[]): string | undefined {
  const last = collection.split("/").at(-1)?.toLowerCase();
  const location = response.headers.get("location");
  if (location !== null) {
    try {
      const segments = new URL(location, "http://location.invalid").pathname.split("/").filter((s) => s !== "");
      if (segments.length >= 2 && segments.at(-2)?.toLowerCase() === last) return decodeURIComponent(segments.at(-1)!);
    } catch {
      // Not a URL: fall back to the body.
    }
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== "object" || body === null) return undefined;
  const names = all.flatMap((o) => pathVariables(o.path).filter((v) => v.collection === collection).map((v) => v.name));
  for (const name of [...new Set(names), "id", "Id", "ID"]) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value === "string" || typeof value === "number") return String(value);
  }
  return undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (error.name === "TimeoutError") return "it took longer than the timeout";
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
