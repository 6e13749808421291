/**
 * What a failed call to Table storage means for the caller: a table that is gone (make it again), storage that
 * does not answer for the moment (503 with Retry-After: a flow's retry policy tries again), or a real fault.
 */
import { ServiceUnavailableError } from "../runtime/errors.js";

/** The HTTP status of a storage error, when it has one. */
export function storageStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

/** The service's error code (`TableNotFound`, `ResourceNotFound`, `ServerBusy`, …), or a network error's code. */
export function storageErrorCode(error: unknown): string | undefined {
  const { code, details } = (error ?? {}) as { code?: unknown; details?: { errorCode?: unknown; odataError?: { code?: unknown } } };
  for (const candidate of [details?.errorCode, details?.odataError?.code, code]) {
    if (typeof candidate === "string" && candidate !== "") return candidate;
  }
  return undefined;
}

/** The table itself is missing (deleted under the running app), not just the entity asked for. */
export function isTableMissing(error: unknown): boolean {
  return storageStatus(error) === 404 && storageErrorCode(error) === "TableNotFound";
}

const UNAVAILABLE_STATUSES = new Set([500, 502, 503, 504]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EAI_AGAIN", "ENOTFOUND", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "REQUEST_SEND_ERROR"]);

/**
 * Storage did not answer, or answered that it cannot for now: a network error, a 5xx (ServerBusy,
 * OperationTimedOut), or a table still being deleted (409 TableBeingDeleted, for up to a minute in Azure).
 */
export function isStorageUnavailable(error: unknown): boolean {
  const status = storageStatus(error);
  const code = storageErrorCode(error);
  if (status === undefined) return (code !== undefined && NETWORK_CODES.has(code)) || (error as { name?: unknown } | null)?.name === "AbortError";
  return UNAVAILABLE_STATUSES.has(status) || (status === 409 && code === "TableBeingDeleted");
}

/** The error a caller should see: a 503 for an outage, anything else as it is (a 500, with its cause logged). */
export function asCallerError(error: unknown): unknown {
  return isStorageUnavailable(error) ? new ServiceUnavailableError("Storage is not answering at the moment: try again shortly.", error) : error;
}
