import type { ProblemFieldError } from "./handler.js";

/** Thrown by a handler stub that has not been written yet; the runtime answers 501 Not Implemented. */
export class NotImplementedError extends Error {
  readonly operationId: string;

  constructor(operationId: string) {
    super(`${operationId} is not implemented yet: write it in src/handlers/${operationId}.ts`);
    this.name = "NotImplementedError";
    this.operationId = operationId;
  }
}

export function notImplemented(operationId: string): never {
  throw new NotImplementedError(operationId);
}

/**
 * Thrown (by storage, or a handler) to answer with a problem instead of a 500: the status, a detail for the caller,
 * headers such as Retry-After, and the cause for the log only. The operation should declare the status.
 */
export class HttpProblemError extends Error {
  readonly status: number;
  readonly detail: string;
  readonly headers: Readonly<Record<string, string>>;
  /** One entry per bad input, as a 400 from validation has them. */
  readonly errors: readonly ProblemFieldError[] | undefined;

  constructor(status: number, detail: string, options: { headers?: Record<string, string>; cause?: unknown; errors?: ProblemFieldError[] } = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "HttpProblemError";
    this.status = status;
    this.detail = detail;
    this.headers = options.headers ?? {};
    this.errors = options.errors;
  }
}

/** How long a caller is asked to wait before trying again after a 503, in seconds. */
export const RETRY_AFTER_SECONDS = 2;

/** 503 with Retry-After: something the app depends on is not answering for the moment. */
export class ServiceUnavailableError extends HttpProblemError {
  constructor(detail: string, cause?: unknown, retryAfterSeconds: number = RETRY_AFTER_SECONDS) {
    super(503, detail, { headers: { "retry-after": String(retryAfterSeconds) }, cause });
    this.name = "ServiceUnavailableError";
  }
}
