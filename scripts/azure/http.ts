import { UserError } from "../diagnostics.js";
import type { Session } from "./sign-in.js";

/** A refusal or failure of a remote service, with what it said; exit code 1 (the input was fine, the call was not). */
export class ServiceError extends UserError {
  constructor(
    readonly service: string,
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly detail: string,
    readonly requestId: string | undefined,
  ) {
    super(`${service} answered ${method} ${path} with ${status}${code ? ` ${code}` : ""}: ${detail}${requestId ? ` (request-id ${requestId})` : ""}`, { exitCode: 1 });
  }
}

export interface ServiceResponse {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
  readonly headers: Headers;
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  /** Statuses answered as a value instead of an error (e.g. 404 for "not there yet"). */
  readonly accept?: readonly number[];
}

export interface RetryPolicy {
  /** Waits before each retry of a throttled (429) or unavailable (502/503/504) answer, unless Retry-After says otherwise. */
  readonly throttleDelaysMs: readonly number[];
  readonly sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  throttleDelaysMs: [2_000, 5_000, 10_000, 20_000],
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Longest Retry-After honoured, so that a misbehaving answer cannot park the command for hours. */
const MAX_RETRY_AFTER_MS = 60_000;

/** JSON over HTTPS to one Azure service with a bearer token from the session; throttling answered by waiting. */
export class ServiceClient {
  constructor(
    readonly service: string,
    private readonly baseUrl: string,
    private readonly scope: string,
    private readonly session: Session,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<ServiceResponse> {
    const url = new URL(this.baseUrl.replace(/\/+$/, "") + path);
    // Spaces as %20, not "+": OData reads a "+" in $filter literally (paconn quotes the same way).
    url.search = Object.entries(options.query ?? {})
      .map(([key, value]) => `${encodeURIComponent(key).replace(/^%24/, "$")}=${encodeURIComponent(value)}`)
      .join("&");
    const token = await this.session.token(this.scope);
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "application/json", ...options.headers };
    let payload: string | undefined;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers["content-type"] = "application/json";
    }
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
      } catch (error) {
        if (attempt < this.retry.throttleDelaysMs.length) {
          await this.retry.sleep(this.retry.throttleDelaysMs[attempt] ?? 0);
          continue;
        }
        throw new UserError(`cannot reach ${this.service} (${url.origin}): ${(error as Error).message}`, { exitCode: 1 });
      }
      const text = await response.text();
      if ([429, 502, 503, 504].includes(response.status) && attempt < this.retry.throttleDelaysMs.length) {
        await this.retry.sleep(retryAfterMs(response.headers) ?? this.retry.throttleDelaysMs[attempt] ?? 0);
        continue;
      }
      const body = parseBody(text);
      if (response.ok || (options.accept ?? []).includes(response.status)) return { status: response.status, body, text, headers: response.headers };
      const error = errorOf(body);
      throw new ServiceError(
        this.service,
        method,
        url.pathname.replace(new URL(this.baseUrl).pathname.replace(/\/+$/, ""), ""),
        response.status,
        error.code,
        error.message ?? (text.slice(0, 300) || response.statusText),
        response.headers.get("request-id") ?? response.headers.get("x-ms-request-id") ?? error.requestId,
      );
    }
  }
}

function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.min(Math.max(0, seconds * 1000), MAX_RETRY_AFTER_MS);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(0, date - Date.now()), MAX_RETRY_AFTER_MS);
}

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Graph and Power Platform both answer `{ "error": { "code", "message", "innerError": { "request-id" } } }`. */
function errorOf(body: unknown): { code: string | undefined; message: string | undefined; requestId: string | undefined } {
  const error = (body as { error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> } } | undefined)?.error;
  const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
  return { code: text(error?.code), message: text(error?.message), requestId: text(error?.innerError?.["request-id"]) };
}
