/** One delivery attempt over real HTTP to servers on 127.0.0.1: what it sends, and what it refuses to do. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { postJson } from "../../src/webhooks/post.js";
import { startReceiver, type Receiver } from "./receiver.js";

const development = { allowedHosts: ["*.logic.azure.com"], allowLoopback: true };
const production = { allowedHosts: ["*.logic.azure.com"], allowLoopback: false };

describe("a delivery attempt", () => {
  let receiver: Receiver;
  let elsewhere: Receiver;
  before(async () => {
    receiver = await startReceiver();
    elsewhere = await startReceiver();
  });
  after(async () => {
    await receiver.close();
    await elsewhere.close();
  });

  test("POSTs the JSON with the headers given, and reports status and Retry-After", async () => {
    receiver.answer({ status: 429, headers: { "retry-after": "7" } });
    const outcome = await postJson(new URL(receiver.url()), JSON.stringify({ a: 1 }), { timeoutMs: 2_000, policy: development, headers: { "webhook-id": "e1" } });
    assert.deepEqual(outcome, { kind: "answered", status: 429, retryAfterMs: 7_000 });
    const got = receiver.received.at(-1)!;
    assert.deepEqual(got.body, { a: 1 });
    assert.equal(got.headers["webhook-id"], "e1");
    assert.equal(got.headers["content-type"], "application/json");
  });

  test("does not follow a redirect", async () => {
    receiver.answer({ status: 307, headers: { location: elsewhere.url("/stolen") } });
    const outcome = await postJson(new URL(receiver.url()), "{}", { timeoutMs: 2_000, policy: development, headers: {} });
    assert.deepEqual(outcome, { kind: "answered", status: 307 });
    assert.equal(elsewhere.received.length, 0);
  });

  test("gives up on a callback that does not answer in time", async () => {
    receiver.answer("hang");
    const outcome = await postJson(new URL(receiver.url()), "{}", { timeoutMs: 300, policy: development, headers: {} });
    assert.deepEqual(outcome, { kind: "timeout" });
    receiver.answer({ status: 202 });
  });

  test("never connects to an address the policy refuses: a literal one, or one a name resolves to", async () => {
    const count = receiver.received.length;
    for (const url of [receiver.url(), `http://localhost:${receiver.port}/hook`]) {
      const outcome = await postJson(new URL(url), "{}", { timeoutMs: 2_000, policy: production, headers: {} });
      assert.equal(outcome.kind, "refused-address", url);
    }
    // An allowed name that resolves to loopback (as a rebinding attacker would arrange) is refused at connect.
    const outcome = await postJson(new URL(`http://localhost:${receiver.port}/hook`), "{}", { timeoutMs: 2_000, policy: { allowedHosts: ["localhost"], allowLoopback: false }, headers: {} });
    assert.equal(outcome.kind, "refused-address");
    assert.equal(receiver.received.length, count, "nothing reached the receiver");
  });

  test("a closed port is a network error, to retry", async () => {
    const closed = await startReceiver();
    const url = closed.url();
    await closed.close();
    const outcome = await postJson(new URL(url), "{}", { timeoutMs: 2_000, policy: development, headers: {} });
    assert.deepEqual(outcome, { kind: "network", detail: "ECONNREFUSED" });
  });
});
