/**
 * The sample's webhook triggers end to end: flows subscribe over HTTP (function key, user token), work orders
 * are created and reassigned through the API, and the events reach receivers on 127.0.0.1 over real HTTP, stored
 * on the way in real Table storage (Azurite): retries, 410, ownership, the callback allow-list.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { notify, triggers } from "../../generated/webhooks.js";
import { EventSchemaError, webhookDeliverer } from "../../src/webhooks/runtime.js";
import { listOwnSubscriptions } from "../../src/webhooks/subscriptions.js";
import { useAzurite } from "../helpers/azurite.js";
import { ANA, BEN, outboxRows, startWebhookApp, type WebhookApp } from "./app.js";
import { startReceiver, type Receiver } from "./receiver.js";

const NEW_WORK_ORDER = { title: "Replace boiler pressure valve", customerName: "Contoso Bakery", siteAddress: "12 Harbour Road, Seattle, WA 98101", priority: "high" };

describe("the sample's webhook triggers over HTTP", () => {
  useAzurite();
  let app: WebhookApp;
  const receivers: Receiver[] = [];

  before(async () => {
    app = await startWebhookApp();
  });
  beforeEach(async () => {
    await app.reset();
  });
  after(async () => {
    for (const receiver of receivers) await receiver.close();
    await app.stop();
  });

  async function receiver(): Promise<Receiver> {
    const r = await startReceiver();
    receivers.push(r);
    return r;
  }

  async function subscribe(trigger: "workorder-created" | "workorder-assigned-to-me", callbackUrl: string, user = ANA): Promise<string> {
    const answer = await app.call("POST", `/subscriptions/${trigger}`, { body: { callbackUrl }, user });
    assert.equal(answer.status, 201, JSON.stringify(answer.json));
    const location = answer.headers.get("location");
    assert.ok(location, "the subscription answers with its Location");
    return location;
  }

  async function createWorkOrder(extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const created = await app.call("POST", "/workorders", { body: { ...NEW_WORK_ORDER, ...extra } });
    assert.equal(created.status, 201);
    return created.json!;
  }

  test("subscribe, create a work order: the callback gets it, valid against the schema, within 2 s; unsubscribe: no more", async () => {
    const flow = await receiver();
    const location = await subscribe("workorder-created", flow.url());
    assert.match(location, new RegExp(`^${app.base}/subscriptions/workorder-created/[0-9a-f]{32}$`));

    const workOrder = await createWorkOrder();
    const event = await flow.next((r) => (r.body as { id?: unknown }).id === workOrder["id"], 2_000);
    assert.deepEqual(event.body, workOrder, "the event is the work order as created");
    const validate = await triggers.OnWorkOrderCreated.event();
    assert.ok(validate(event.body), JSON.stringify(validate.errors));
    assert.match(String(event.headers["webhook-id"]), /^[0-9a-f-]{36}$/, "an id the receiver can drop duplicates by");
    assert.match(String(event.headers["content-type"]), /^application\/json/);
    assert.equal(event.path, new URL(flow.url()).pathname + new URL(flow.url()).search, "posted to the callback URL as given, signature included");

    assert.equal((await app.call("DELETE", location)).status, 204);
    assert.equal((await app.call("DELETE", location)).status, 404, "gone");
    await createWorkOrder({ title: "After unsubscribing" });
    await webhookDeliverer().idle();
    assert.equal(flow.received.length, 1, "no callback after unsubscribing");
    assert.deepEqual(await outboxRows(), [], "nothing left in the outbox");
  });

  test("the same callback subscribed twice is one subscription, and gets each event once", async () => {
    const flow = await receiver();
    const first = await subscribe("workorder-created", flow.url());
    const second = await subscribe("workorder-created", flow.url());
    assert.equal(second, first);
    assert.equal((await listOwnSubscriptions((await ownerOf(ANA)))).length, 1);
    await createWorkOrder();
    await webhookDeliverer().idle();
    assert.equal(flow.received.length, 1);
  });

  test("assigned to me: only the assignee's flows, at creation and at reassignment; nothing for other changes", async () => {
    const ana = await receiver();
    const ben = await receiver();
    await subscribe("workorder-assigned-to-me", ana.url(), ANA);
    await subscribe("workorder-assigned-to-me", ben.url(), BEN);

    const workOrder = await createWorkOrder({ assignedTo: "tech-ana-lopez" });
    const toAna = await ana.next(undefined, 2_000);
    assert.equal((toAna.body as { id: string }).id, workOrder["id"]);

    const moved = await app.call("PATCH", `/workorders/${String(workOrder["id"])}`, { body: { assignedTo: "tech-ben-okafor" } });
    assert.equal(moved.status, 200);
    const toBen = await ben.next(undefined, 2_000);
    assert.equal((toBen.body as { assignedTo: string }).assignedTo, "tech-ben-okafor");

    await app.call("PATCH", `/workorders/${String(workOrder["id"])}`, { body: { priority: "low" } });
    await createWorkOrder({ assignedTo: "tech-chen-wei" }); // Chen has no subscription
    await webhookDeliverer().idle();
    assert.equal(ana.received.length, 1, "Ana only for her assignment");
    assert.equal(ben.received.length, 1, "Ben only for his, not for a change of priority");
  });

  test("a callback that answers 503 twice is retried with backoff, then delivered, with the same webhook-id", async () => {
    const flow = await receiver();
    flow.answer({ status: 503 }, { status: 500 }, { status: 200 });
    await subscribe("workorder-created", flow.url());
    await createWorkOrder();
    await flow.next(() => flow.received.length === 3, 10_000);
    await webhookDeliverer().idle();
    assert.deepEqual(app.attempts.map((a) => a.verdict.kind), ["retry", "retry", "delivered"]);
    const delays = app.attempts.slice(0, 2).map((a) => (a.verdict as { delayMs: number }).delayMs);
    assert.ok(delays[0]! >= 500 && delays[0]! <= 1_000 && delays[1]! >= 1_000 && delays[1]! <= 2_000, `backoff with jitter: ${delays.join(", ")} ms`);
    assert.equal(new Set(flow.received.map((r) => r.headers["webhook-id"])).size, 1, "one event id across attempts");
    assert.deepEqual(await outboxRows(), []);
  });

  test("429 with Retry-After: the next attempt waits as long as it says", async () => {
    const flow = await receiver();
    flow.answer({ status: 429, headers: { "retry-after": "1" } }, { status: 202 });
    await subscribe("workorder-created", flow.url());
    await createWorkOrder();
    await flow.next(() => flow.received.length === 2, 10_000);
    await webhookDeliverer().idle();
    assert.deepEqual(app.attempts.map((a) => a.verdict), [{ kind: "retry", delayMs: 1_000, reason: "the callback answered 429" }, { kind: "delivered", status: 202 }]);
  });

  test("a receiver that is down: retried until it is up, then delivered", async () => {
    const flow = await receiver();
    const url = flow.url();
    await subscribe("workorder-created", url);
    await flow.close();
    receivers.splice(receivers.indexOf(flow), 1);
    await createWorkOrder();
    // Down for the first attempt at least; back on the same port.
    while (app.attempts.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const back = await startReceiver(flow.port);
    receivers.push(back);
    const event = await back.next(undefined, 10_000);
    assert.ok(event.headers["webhook-id"]);
    await webhookDeliverer().idle();
    assert.equal(app.attempts[0]!.verdict.kind, "retry");
    assert.match((app.attempts[0]!.verdict as { reason: string }).reason, /could not be reached \(ECONNREFUSED\)/);
    assert.equal(app.attempts.at(-1)!.verdict.kind, "delivered");
  });

  test("410 from the callback: the flow is gone, and so is its subscription", async () => {
    const flow = await receiver();
    flow.answer({ status: 410 });
    const location = await subscribe("workorder-created", flow.url());
    await createWorkOrder();
    await flow.next(undefined, 2_000);
    await webhookDeliverer().idle();
    assert.deepEqual(app.attempts.map((a) => a.verdict.kind), ["gone"]);
    assert.equal((await app.call("DELETE", location)).status, 404, "the subscription was removed");
    await createWorkOrder();
    await webhookDeliverer().idle();
    assert.equal(flow.received.length, 1, "no further deliveries");
    assert.deepEqual(await outboxRows(), []);
  });

  test("another user can neither delete nor see a subscription", async () => {
    const flow = await receiver();
    const location = await subscribe("workorder-created", flow.url(), ANA);
    const refused = await app.call("DELETE", location, { user: BEN });
    assert.equal(refused.status, 404);
    assert.equal(refused.headers.get("content-type"), "application/problem+json");
    assert.deepEqual(await listOwnSubscriptions(await ownerOf(BEN)), []);
    assert.equal((await listOwnSubscriptions(await ownerOf(ANA))).length, 1);
    await createWorkOrder();
    await flow.next(undefined, 2_000);
    assert.equal((await app.call("DELETE", location, { user: ANA })).status, 204, "its owner still can");
  });

  test("a callback to a host outside the allow-list is refused with 400, and nothing is stored", async () => {
    for (const callbackUrl of [
      "https://attacker.example.com/hook",
      "http://prod-00.westus.logic.azure.com/workflows/1",
      "https://prod-00.westus.logic.azure.com:8443/workflows/1",
      "https://logic.azure.com.attacker.example/workflows/1",
      "https://user:secret@prod-00.westus.logic.azure.com/workflows/1",
      "not a url",
    ]) {
      const answer = await app.call("POST", "/subscriptions/workorder-created", { body: { callbackUrl } });
      assert.equal(answer.status, 400, callbackUrl);
      assert.equal(answer.headers.get("content-type"), "application/problem+json");
      assert.deepEqual((answer.json?.["errors"] as { name: string }[]).map((e) => e.name), ["/callbackUrl"], callbackUrl);
    }
    // Power Automate's own callbacks are allowed by default.
    const allowed = await app.call("POST", "/subscriptions/workorder-created", { body: { callbackUrl: "https://prod-00.westus.logic.azure.com:443/workflows/1/triggers/manual/paths/invoke?sig=x" } });
    assert.equal(allowed.status, 201);
    assert.equal((await app.call("DELETE", allowed.headers.get("location")!)).status, 204);

    // Loopback only in development.
    await app.reset({ AZURE_FUNCTIONS_ENVIRONMENT: "Production" });
    const flow = await receiver();
    const loopback = await app.call("POST", "/subscriptions/workorder-created", { body: { callbackUrl: flow.url() } });
    assert.equal(loopback.status, 400);
    assert.match(String(loopback.json?.["detail"]), /local development only/);
    assert.deepEqual(await listOwnSubscriptions(await ownerOf(ANA)), []);
  });

  test("a callback allowed when subscribed but not any more is not called: the delivery is given up", async () => {
    const flow = await receiver();
    await subscribe("workorder-created", flow.url());
    await app.reset({ AZURE_FUNCTIONS_ENVIRONMENT: "Production" });
    await subscribeDirectly(flow.url());
    await createWorkOrder();
    await webhookDeliverer().idle();
    assert.equal(flow.received.length, 0);
    assert.equal(app.attempts[0]?.verdict.kind, "failed");
    const [dead] = (await outboxRows()).filter((row) => String(row["rowKey"]).startsWith("d-"));
    assert.equal(dead?.["failed"], true, "kept as a dead letter");
    assert.match(String(dead?.["lastError"]), /local development only/);
  });

  test("a delivery that keeps failing is given up after the attempts allowed, and kept as a dead letter", async () => {
    await app.reset({ CONDUIT_WEBHOOK_MAX_ATTEMPTS: "2" });
    const flow = await receiver();
    flow.answer({ status: 500 });
    await subscribe("workorder-created", flow.url());
    await createWorkOrder();
    await flow.next(() => flow.received.length === 2, 10_000);
    await webhookDeliverer().idle();
    assert.deepEqual(app.attempts.map((a) => a.verdict.kind), ["retry", "failed"]);
    const rows = await outboxRows();
    assert.equal(rows.length, 2, "the event and its dead delivery");
    assert.ok(rows.some((row) => row["failed"] === true && row["attempts"] === 2));
    assert.ok(app.logs.some((line) => /given up after 2 attempts/.test(line) && !line.includes("sig=")), "logged, without the callback's signature");
  });

  test("notify refuses an event its schema does not allow, before anything is stored", async () => {
    const flow = await receiver();
    await subscribe("workorder-created", flow.url());
    await assert.rejects(notify.OnWorkOrderCreated({ id: "x" } as never), (error: unknown) => error instanceof EventSchemaError && /must have required property/.test(error.message));
    assert.deepEqual(await outboxRows(), []);
  });

  /** The subscription as the store keeps it, bypassing the HTTP check (a setting changed since it was made). */
  async function subscribeDirectly(callbackUrl: string): Promise<void> {
    const { saveSubscription } = await import("../../src/webhooks/subscriptions.js");
    await saveSubscription({ trigger: "OnWorkOrderCreated", owner: await ownerOf(ANA), callbackUrl, parameters: { body: { callbackUrl } } });
  }

  async function ownerOf(user: string) {
    const token = await app.issuer.mint({ user });
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { tid: string; oid: string };
    return { tenantId: claims.tid, objectId: claims.oid };
  }
});
