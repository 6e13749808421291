import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { backoffMs, judge, MAX_DELAY_MS, MAX_RETRY_AFTER_MS } from "../../src/webhooks/retry.js";
import { parseRetryAfter } from "../../src/webhooks/post.js";

const half = () => 0.5;

describe("what an attempt's outcome means", () => {
  test("2xx delivered; 404 and 410 gone", () => {
    assert.deepEqual(judge({ kind: "answered", status: 200 }, 1, 5), { kind: "delivered", status: 200 });
    assert.deepEqual(judge({ kind: "answered", status: 202 }, 1, 5), { kind: "delivered", status: 202 });
    assert.deepEqual(judge({ kind: "answered", status: 404 }, 3, 5), { kind: "gone", status: 404 });
    assert.deepEqual(judge({ kind: "answered", status: 410 }, 1, 5), { kind: "gone", status: 410 });
  });

  test("timeouts, network errors, 408, 429 and 5xx are retried with backoff; Retry-After wins", () => {
    for (const outcome of [{ kind: "timeout" }, { kind: "network", detail: "ECONNRESET" }, { kind: "answered", status: 408 }, { kind: "answered", status: 429 }, { kind: "answered", status: 500 }, { kind: "answered", status: 503 }] as const) {
      const verdict = judge(outcome, 2, 5, half);
      assert.equal(verdict.kind, "retry", JSON.stringify(outcome));
      assert.equal((verdict as { delayMs: number }).delayMs, 1_500, "attempt 2 failed: 1–2 s, here the middle");
    }
    assert.deepEqual(judge({ kind: "answered", status: 429, retryAfterMs: 30_000 }, 1, 5), { kind: "retry", delayMs: 30_000, reason: "the callback answered 429" });
    assert.equal((judge({ kind: "answered", status: 503, retryAfterMs: 86_400_000 }, 1, 5) as { delayMs: number }).delayMs, MAX_RETRY_AFTER_MS, "a day's Retry-After is capped");
  });

  test("given up: when the attempts are used up, on redirects, other 4xx, and refused addresses", () => {
    assert.match((judge({ kind: "answered", status: 500 }, 5, 5) as { reason: string }).reason, /5 attempts are used up/);
    assert.match((judge({ kind: "answered", status: 302 }, 1, 5) as { reason: string }).reason, /redirects are not followed/);
    assert.equal(judge({ kind: "answered", status: 400 }, 1, 5).kind, "failed");
    assert.equal(judge({ kind: "answered", status: 401 }, 1, 5).kind, "failed");
    assert.equal(judge({ kind: "refused-address", detail: "private" }, 1, 5).kind, "failed");
  });

  test("backoff doubles from 0.5–1 s to a ceiling of 5–10 min, half of it random", () => {
    assert.equal(backoffMs(1, () => 0), 500);
    assert.equal(backoffMs(1, () => 1), 1_000);
    assert.equal(backoffMs(4, () => 0), 4_000);
    assert.equal(backoffMs(4, () => 1), 8_000);
    assert.equal(backoffMs(30, () => 1), MAX_DELAY_MS);
    assert.equal(backoffMs(30, () => 0), MAX_DELAY_MS / 2);
  });

  test("Retry-After in seconds or as an HTTP date", () => {
    assert.equal(parseRetryAfter("120"), 120_000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    assert.equal(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now), 30_000);
    assert.equal(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now), 0);
    assert.equal(parseRetryAfter("soon"), undefined);
    assert.equal(parseRetryAfter(undefined), undefined);
  });
});
