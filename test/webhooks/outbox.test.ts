/**
 * The outbox and the drain on real Table storage (Azurite), with deliveries over real HTTP: large fan-outs, a
 * fan-out a crash interrupted, leases that ran out, leases still held, and the concurrency bound.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { table } from "../../src/storage/tables.js";
import { Deliverer } from "../../src/webhooks/deliverer.js";
import { drainOutbox } from "../../src/webhooks/drain.js";
import { enqueue, EVENT_ROW, OUTBOX_TABLE } from "../../src/webhooks/outbox.js";
import { readWebhookSettings } from "../../src/webhooks/settings.js";
import { saveSubscription, SUBSCRIPTIONS_TABLE } from "../../src/webhooks/subscriptions.js";
import { splitText } from "../../src/webhooks/chunks.js";
import { useAzurite } from "../helpers/azurite.js";
import { outboxRows } from "./outbox-rows.js";
import { startReceiver, type Receiver } from "./receiver.js";

const OWNER = { tenantId: "t", objectId: "o" };
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe("the outbox and the drain", () => {
  useAzurite();
  let receiver: Receiver;
  before(async () => {
    receiver = await startReceiver();
  });
  after(async () => {
    await receiver.close();
  });
  beforeEach(async () => {
    receiver.answer({ status: 200 });
    receiver.received.length = 0;
    for (const name of [SUBSCRIPTIONS_TABLE, OUTBOX_TABLE]) {
      const client = await table(name);
      for await (const entity of client.listEntities()) await client.deleteEntity(entity.partitionKey ?? "", entity.rowKey ?? "");
    }
  });

  const deliverer = (settings: Record<string, string> = {}) =>
    new Deliverer({ settings: readWebhookSettings({ AZURE_FUNCTIONS_ENVIRONMENT: "Development", CONDUIT_WEBHOOK_TIMEOUT_SECONDS: "2", ...settings }), log: quiet });
  const recipients = (n: number) => Array.from({ length: n }, (_, i) => ({ subscriptionId: `s${String(i).padStart(4, "0")}`, callbackUrl: receiver.url(`/flow/${i}`) }));
  const event = (eventId: string) => ({ eventId, trigger: "OnThing", payload: JSON.stringify({ n: 1 }), occurredAt: new Date().toISOString() });

  test("150 recipients: every delivery stored, each delivered once, the same id twice queues nothing", async () => {
    const worker = deliverer();
    const queued = await enqueue(event("e-150"), recipients(150), Date.now() + worker.leaseMs);
    assert.equal(queued?.length, 150);
    assert.equal(await enqueue(event("e-150"), recipients(150), Date.now() + worker.leaseMs), undefined);
    await worker.start(queued!);
    await worker.idle();
    assert.equal(receiver.received.length, 150);
    assert.equal(new Set(receiver.received.map((r) => r.path)).size, 150);
    assert.deepEqual(await outboxRows(), []);
  });

  test("notify to 150 subscriptions: sent batch by batch as stored, each once, and the event row goes after the last", async () => {
    const { configureWebhooks, createNotifier } = await import("../../src/webhooks/runtime.js");
    const worker = configureWebhooks(readWebhookSettings({ AZURE_FUNCTIONS_ENVIRONMENT: "Development" }), { log: quiet });
    for (let i = 0; i < 150; i++) await saveSubscription({ trigger: "OnThing", owner: { tenantId: "t", objectId: `o${i}` }, callbackUrl: receiver.url(`/flow/${i}`), parameters: {} });
    const trigger = { name: "OnThing", kind: "single" as const, route: "things", callback: ["callbackUrl"], event: async () => Object.assign(() => true, { errors: null }) };
    const notify = createNotifier<{ OnThing: unknown }, Record<string, never>>({ OnThing: trigger });
    const result = await notify.OnThing({ n: 3 }, { eventId: "e-notify-150" });
    assert.equal(result.deliveries, 150);
    await worker.idle();
    assert.equal(receiver.received.length, 150);
    assert.equal(new Set(receiver.received.map((r) => r.path)).size, 150);
    assert.deepEqual(await outboxRows(), []);
    worker.stop();
  });

  test("an event's row stays until the last of its reserved deliveries is done, not the first batch", async () => {
    const worker = deliverer();
    const batches: Awaited<ReturnType<typeof enqueue>>[] = [];
    const all = await enqueue(event("e-batches"), recipients(120), Date.now() + worker.leaseMs, (batch) => batches.push(batch));
    assert.deepEqual(batches.map((b) => b?.length), [99, 21]);
    worker.reserve("e-batches", all!.length);
    await worker.start(batches[0]!, { reserved: true });
    while (receiver.received.length < 99) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 100)); // the first batch's completions flushed
    assert.ok((await outboxRows()).some((row) => row["rowKey"] === EVENT_ROW), "the event row is still there for the second batch");
    await worker.start(batches[1]!, { reserved: true });
    await worker.idle();
    assert.equal(receiver.received.length, 120);
    assert.deepEqual(await outboxRows(), []);
  });

  test("a fan-out a crash interrupted (the event listed its recipients, no delivery written yet) is finished by the drain", async () => {
    const list = recipients(3);
    for (const r of list) await saveSubscription({ trigger: "OnThing", owner: OWNER, callbackUrl: r.callbackUrl, parameters: { id: r.subscriptionId } });
    const subscriptions = await (await import("../../src/webhooks/subscriptions.js")).listSubscriptions("OnThing");
    const client = await table(OUTBOX_TABLE);
    await client.createEntity({
      partitionKey: "e-crashed",
      rowKey: EVENT_ROW,
      trigger: "OnThing",
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      fannedOut: false,
      ...splitText("payload", JSON.stringify({ n: 2 }), "the event"),
      ...splitText("recipients", JSON.stringify(subscriptions.map((s) => s.id)), "recipients"),
    });
    const worker = deliverer();
    const report = await drainOutbox(worker);
    await worker.idle();
    assert.equal(report.resumed, 3);
    assert.equal(receiver.received.length, 3);
    assert.deepEqual(receiver.received.map((r) => r.headers["webhook-id"]), ["e-crashed", "e-crashed", "e-crashed"]);
    assert.deepEqual(await outboxRows(), []);
  });

  test("the drain takes over deliveries whose lease ran out, and leaves leased ones alone", async () => {
    const worker = deliverer();
    await enqueue(event("e-expired"), recipients(2), Date.now() - 1); // its instance died
    await enqueue(event("e-held"), recipients(1), Date.now() + 60_000); // its instance is at it
    const report = await drainOutbox(worker);
    await worker.idle();
    assert.deepEqual([report.events, report.resumed], [2, 2]);
    assert.deepEqual(receiver.received.map((r) => r.headers["webhook-id"]), ["e-expired", "e-expired"]);
    assert.deepEqual((await outboxRows()).map((r) => `${String(r["partitionKey"])} ${String(r["rowKey"])}`).sort(), ["e-held d-s0000", "e-held event"]);
    const again = await drainOutbox(worker);
    assert.equal(again.resumed, 0, "a second drain finds nothing to take over");
  });

  test("no more POSTs in flight than CONDUIT_WEBHOOK_CONCURRENCY", async () => {
    const slow = await startReceiver();
    slow.answer({ status: 200, delayMs: 30 });
    try {
      const worker = deliverer({ CONDUIT_WEBHOOK_CONCURRENCY: "4" });
      const many = Array.from({ length: 40 }, (_, i) => ({ subscriptionId: `s${i}`, callbackUrl: slow.url(`/flow/${i}`) }));
      const queued = await enqueue(event("e-bounded"), many, Date.now() + worker.leaseMs);
      await worker.start(queued!);
      await worker.idle();
      assert.equal(slow.received.length, 40);
      assert.ok(slow.maxInFlight() <= 4 && slow.maxInFlight() >= 2, `at most 4 at once (saw ${slow.maxInFlight()})`);
    } finally {
      await slow.close();
    }
  });

  test("a graceful stop: the attempt in flight gets its answer and is done; a retry waiting goes back to the outbox due at its time, for the next drain", async () => {
    const worker = deliverer(); // 2 s attempts: a lease of 5 s
    receiver.answer({ status: 200, delayMs: 300 }, { status: 503, headers: { "retry-after": "30" } });
    const inFlight = await enqueue(event("e-flight"), recipients(1), Date.now() + worker.leaseMs);
    void worker.start(inFlight!);
    await receiver.next(undefined, 5_000); // the first request is held 300 ms by the receiver
    const parked = await enqueue(event("e-parked"), recipients(1), Date.now() + worker.leaseMs);
    await worker.start(parked!); // answered 503: its retry waits in this process for 30 s
    const stopped = Date.now();
    await worker.shutdown(2_000);

    const rows = await outboxRows();
    assert.deepEqual(rows.filter((r) => r["partitionKey"] === "e-flight"), [], "the attempt in flight finished and was recorded");
    const row = rows.find((r) => r["partitionKey"] === "e-parked" && String(r["rowKey"]).startsWith("d-"));
    const leaseUntil = Date.parse(String(row?.["leaseUntil"]));
    // Due 30 s after its attempt; kept leased it would be 5 s later still.
    assert.ok(leaseUntil <= stopped + 30_000 + 500 && leaseUntil > stopped + 25_000, `lease until ${new Date(leaseUntil).toISOString()}, stopped at ${new Date(stopped).toISOString()}`);
    assert.equal(row?.["attempts"], 1);
    assert.ok(rows.some((r) => r["partitionKey"] === "e-parked" && r["rowKey"] === EVENT_ROW), "its event row stays for the drain");
    // Handed back, the next drain (here or in the app that replaces this one) takes it once it is due.
    receiver.answer({ status: 200 });
    const next = deliverer();
    const report = await drainOutbox(next, leaseUntil + 1);
    assert.equal(report.resumed, 1);
    await next.idle();
    assert.equal(receiver.received.length, 3);
  });
});
