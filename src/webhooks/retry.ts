/**
 * What an attempt's outcome means for the delivery: done, the subscription is gone, try again later (and when),
 * or give up. Pure: the clock and the dice are passed in.
 */
import type { PostOutcome } from "./post.js";

export type Verdict =
  | { readonly kind: "delivered"; readonly status: number }
  /** 404 or 410: the flow was deleted or turned off; its subscription goes. */
  | { readonly kind: "gone"; readonly status: number }
  | { readonly kind: "retry"; readonly delayMs: number; readonly reason: string }
  | { readonly kind: "failed"; readonly reason: string };

export const BASE_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 10 * 60_000;
/** A Retry-After beyond this is read as this: a delivery is not parked for days on one answer. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * Exponential backoff with "equal jitter": attempt 1 failed → 0.5–1 s, 2 → 1–2 s, … up to 5–10 min. Half the
 * delay is random, so that the deliveries a burst of failures parked do not all come back in the same second.
 */
export function backoffMs(failedAttempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** `attempt` is the number of the attempt that gave `outcome` (the first is 1). */
export function judge(outcome: PostOutcome, attempt: number, maxAttempts: number, random: () => number = Math.random): Verdict {
  const again = (reason: string, retryAfterMs?: number): Verdict => {
    if (attempt >= maxAttempts) return { kind: "failed", reason: `${reason}, and ${maxAttempts} attempts are used up` };
    const delayMs = retryAfterMs === undefined ? backoffMs(attempt, random) : Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
    return { kind: "retry", delayMs, reason };
  };
  switch (outcome.kind) {
    case "timeout":
      return again("the callback did not answer in time");
    case "network":
      return again(`the callback could not be reached (${outcome.detail})`);
    case "refused-address":
      return { kind: "failed", reason: outcome.detail };
    case "answered": {
      const { status } = outcome;
      if (status >= 200 && status < 300) return { kind: "delivered", status };
      if (status === 404 || status === 410) return { kind: "gone", status };
      if (status === 429 || status === 503) return again(`the callback answered ${status}`, outcome.retryAfterMs);
      if (status === 408 || status >= 500) return again(`the callback answered ${status}`);
      if (status >= 300 && status < 400) return { kind: "failed", reason: `the callback answered ${status}; redirects are not followed` };
      return { kind: "failed", reason: `the callback refused the event with ${status}` };
    }
  }
}
