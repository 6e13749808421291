/**
 * Calls a registered function the way the Functions host does: a real @azure/functions HttpRequest and
 * InvocationContext, the registration's own handler, and the answer read back through a real HttpResponse.
 * Outside the Functions host @azure/functions prints two test-mode warnings on first use; that is expected.
 */
import pkg from "@azure/functions";
import type { HttpResponseInit, LogLevel } from "@azure/functions";
import type { HttpRegistration } from "../../src/runtime/register.js";

const { HttpRequest, HttpResponse, InvocationContext } = pkg;

/** Where the sample's functions live, as the host would give the URL (route prefix `api`). */
export const BASE_URL = "http://127.0.0.1:7071/api/";

export interface CallInit {
  /** Defaults to the registration's one method. */
  readonly method?: string;
  /** Absolute, or relative to BASE_URL (`workorders?top=2`). */
  readonly url: string;
  /** Route parameters; when absent they are read from the URL with the registration's route template. */
  readonly params?: Readonly<Record<string, string>>;
  /** Replaces the URL's query as the host's `query` (one value per name); absent means the URL's own query. */
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as is (text or bytes). */
  readonly body?: string | Uint8Array;
  /** Sent as JSON, with content-type application/json unless the headers give one. */
  readonly json?: unknown;
  readonly invocationId?: string;
}

export interface LogLine {
  readonly level: LogLevel;
  readonly message: string;
}

export interface CallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON (undefined for an empty body). */
  readonly body: unknown;
  /** What the invocation logged, in order. */
  readonly logs: readonly LogLine[];
  readonly invocationId: string;
}

let calls = 0;

export async function call(registration: HttpRegistration, init: CallInit): Promise<CallResult> {
  const url = new URL(init.url, BASE_URL).toString();
  const headers: Record<string, string> = { ...init.headers };
  let body: { string?: string; bytes?: Uint8Array } | undefined;
  if (init.json !== undefined) {
    if (!Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
    body = { string: JSON.stringify(init.json) };
  } else if (typeof init.body === "string") body = { string: init.body };
  else if (init.body !== undefined) body = { bytes: init.body };

  const request = new HttpRequest({
    method: init.method ?? registration.options.methods?.[0] ?? "GET",
    url,
    headers,
    params: { ...(init.params ?? routeParams(registration.options.route ?? registration.name, url)) },
    ...(init.query === undefined ? {} : { query: { ...init.query } }),
    ...(body === undefined ? {} : { body }),
  });
  const invocationId = init.invocationId ?? `test-invocation-${++calls}`;
  const logs: LogLine[] = [];
  const context = new InvocationContext({
    functionName: registration.name,
    invocationId,
    logHandler: (level, ...args) => logs.push({ level, message: args.map(describe).join(" ") }),
  });

  const answer = await registration.options.handler(request, context);
  const response = answer instanceof HttpResponse ? answer : new HttpResponse(answer as HttpResponseInit);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: text === "" ? undefined : (JSON.parse(text) as unknown),
    logs,
    invocationId,
  };
}

/** The route's `{name}` segments read from the URL's path after the `api/` prefix, decoded as the host does. */
export function routeParams(route: string, url: string): Record<string, string> {
  const pathname = new URL(url).pathname.replace(/^\/api\//, "");
  const names: string[] = [];
  const pattern = route
    .split("/")
    .map((segment) => {
      const param = /^\{([^}:?]+)[^}]*\}$/.exec(segment);
      if (param?.[1] === undefined) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(param[1]);
      return "([^/]+)";
    })
    .join("/");
  const match = new RegExp(`^${pattern}/?$`, "i").exec(pathname);
  const params: Record<string, string> = {};
  if (match === null) return params;
  names.forEach((name, index) => {
    const raw = match[index + 1];
    if (raw !== undefined) params[name] = decodeURIComponent(raw);
  });
  return params;
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ""}`;
  return typeof value === "string" ? value : JSON.stringify(value);
}
