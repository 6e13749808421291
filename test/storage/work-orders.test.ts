/** Work orders in a real Table service (Azurite): mapping, defaults, filters, paging, merge, etags. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { HttpProblemError } from "../../src/runtime/errors.js";
import { assertEntityFits, entitySize, MAX_ENTITY_BYTES, MAX_STRING_UNITS } from "../../src/storage/entity-size.js";
import { table } from "../../src/storage/tables.js";
import {
  createWorkOrder,
  deleteWorkOrder,
  getWorkOrder,
  InvalidContinuationTokenError,
  listWorkOrders,
  updateWorkOrder,
  WORK_ORDERS_TABLE,
  type NewWorkOrder,
  type WorkOrder,
  type WorkOrderFilter,
} from "../../src/storage/work-orders.js";
import { useAzurite } from "../helpers/azurite.js";
import { definitionExample } from "../helpers/spec.js";

const FIELDS = ["title", "description", "status", "priority", "assignedTo", "customerName", "siteAddress", "scheduledFor", "estimatedHours", "createdAt", "updatedAt"];
const ENTITY_KEYS = new Set(["partitionKey", "rowKey", "etag", "timestamp", ...FIELDS]);

function order(title: string, extra: Partial<NewWorkOrder> = {}): NewWorkOrder {
  return { title, customerName: "Contoso Bakery", siteAddress: "12 Harbour Road", ...extra };
}

/** Every page of a listing, following skipTokens. */
async function allPages(filter: WorkOrderFilter, pageSize: number): Promise<WorkOrder[][]> {
  const pages: WorkOrder[][] = [];
  let skipToken: string | undefined;
  do {
    const page = await listWorkOrders(filter, pageSize, skipToken);
    pages.push(page.items);
    skipToken = page.skipToken;
  } while (skipToken !== undefined && pages.length < 100);
  return pages;
}

async function rawEntity(id: string): Promise<Record<string, unknown>> {
  const client = await table(WORK_ORDERS_TABLE);
  return (await client.getEntity("workorder", id)) as Record<string, unknown>;
}

describe("work orders in Table storage", () => {
  useAzurite();

  test("the spec's NewWorkOrder example round-trips, with server-set id, times, defaults and etag", async () => {
    const input = definitionExample("NewWorkOrder") as NewWorkOrder;
    const now = new Date("2026-11-27T14:03:11.000Z");
    const created = await createWorkOrder(input, now);
    assert.equal(created.status, "new");
    assert.equal(created.priority, "high");
    assert.equal(created.createdAt, "2026-11-27T14:03:11.000Z");
    assert.equal(created.updatedAt, created.createdAt);
    assert.match(created.id, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(created.etag ?? "", /^W\/"datetime'/);
    const { id, etag, createdAt, updatedAt, status, ...given } = created;
    assert.deepEqual(given, input);
    assert.deepEqual(await getWorkOrder(id), created);

    const defaults = await createWorkOrder(order("Defaults only"));
    assert.equal(defaults.status, "new");
    assert.equal(defaults.priority, "normal");
    assert.deepEqual(Object.keys(defaults).sort(), ["createdAt", "customerName", "etag", "id", "priority", "siteAddress", "status", "title", "updatedAt"]);
  });

  test("a body's extra or hostile keys never reach the entity or any prototype", async () => {
    const hostile = JSON.parse(
      '{"title":"t","customerName":"c","siteAddress":"s","__proto__":{"polluted":"yes","status":"cancelled"},"constructor":{"prototype":{"polluted":"yes"}},"partitionKey":"other","rowKey":"mine","etag":"*","isAdmin":true}',
    ) as NewWorkOrder;
    const created = await createWorkOrder(hostile);
    assert.notEqual(created.id, "mine");
    assert.equal(created.status, "new");
    assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted"), false);
    const raw = await rawEntity(created.id);
    assert.equal(raw["partitionKey"], "workorder");
    for (const key of Object.keys(raw)) assert.ok(ENTITY_KEYS.has(key) || key.startsWith("odata.") || key.endsWith("@odata.type"), `unexpected stored property ${key}`);

    const changes = JSON.parse('{"title":"changed","__proto__":{"customerName":"hijacked"},"createdAt":"1999-01-01T00:00:00Z","id":"x"}') as Record<string, never>;
    const outcome = await updateWorkOrder(created.id, changes);
    assert.equal(outcome.kind, "updated");
    assert.ok(outcome.kind === "updated");
    assert.equal(outcome.workOrder.title, "changed");
    assert.equal(outcome.workOrder.customerName, "c");
    assert.equal(outcome.workOrder.createdAt, created.createdAt);
    assert.equal(outcome.workOrder.id, created.id);
  });

  test("listing is newest first, pages are full and cover everything once", async () => {
    const base = Date.parse("2030-01-01T00:00:00Z");
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await createWorkOrder(order(`paging ${i}`, { assignedTo: "tech-paging" }), new Date(base + i * 1000))).id);
    const newestFirst = [...ids].reverse();

    const pages = await allPages({ assignedTo: "tech-paging" }, 3);
    assert.deepEqual(pages.map((p) => p.length), [3, 3, 1]);
    assert.deepEqual(pages.flat().map((w) => w.id), newestFirst);

    const exact = await allPages({ assignedTo: "tech-paging" }, 7);
    assert.deepEqual(exact.map((p) => p.length), [7], "a page that ends the listing has no skipToken");
    const one = await allPages({ assignedTo: "tech-paging" }, 1);
    assert.deepEqual(one.flat().map((w) => w.id), newestFirst);
    // Every listed work order carries its etag, the one a point read gives.
    const [first] = exact.flat();
    assert.ok(first);
    assert.equal(first.etag, (await getWorkOrder(first.id))?.etag);
  });

  test("filters: status, any of several priorities, assignee, combined; values are escaped", async () => {
    const tag = "tech-filters";
    const made = [
      await createWorkOrder(order("a", { assignedTo: tag, status: "scheduled", priority: "low" })),
      await createWorkOrder(order("b", { assignedTo: tag, status: "scheduled", priority: "urgent" })),
      await createWorkOrder(order("c", { assignedTo: tag, status: "completed", priority: "urgent" })),
      await createWorkOrder(order("d", { assignedTo: tag, status: "new", priority: "high" })),
      await createWorkOrder(order("e", { assignedTo: "tech-o'brien", status: "scheduled", priority: "low" })),
    ];
    const titles = async (filter: WorkOrderFilter): Promise<string[]> => (await listWorkOrders(filter, 200)).items.map((w) => w.title).sort();
    assert.deepEqual(await titles({ assignedTo: tag }), ["a", "b", "c", "d"]);
    assert.deepEqual(await titles({ assignedTo: tag, status: "scheduled" }), ["a", "b"]);
    assert.deepEqual(await titles({ assignedTo: tag, priorities: ["urgent", "high"] }), ["b", "c", "d"]);
    assert.deepEqual(await titles({ assignedTo: tag, priorities: ["urgent", "urgent"] }), ["b", "c"]);
    assert.deepEqual(await titles({ assignedTo: tag, status: "scheduled", priorities: ["urgent"] }), ["b"]);
    assert.deepEqual(await titles({ assignedTo: tag, priorities: [] }), ["a", "b", "c", "d"]);
    // A quote in a value is data, not query syntax.
    assert.deepEqual(await titles({ assignedTo: "tech-o'brien" }), ["e"]);
    assert.deepEqual(await titles({ assignedTo: "x' or PartitionKey eq 'workorder" }), []);
    assert.deepEqual(await titles({ assignedTo: "' or '1' eq '1" }), []);
    assert.equal(made.length, 5);
  });

  test("a skipToken that is not ours is refused before the service sees it", async () => {
    await assert.rejects(listWorkOrders({}, 5, "not-a-token"), InvalidContinuationTokenError);
    await assert.rejects(listWorkOrders({}, 5, "eyJuZXh0UGFydGl0aW9uS2V5IjoiIn0"), InvalidContinuationTokenError);
  });

  test("update merges the given fields, keeps the rest, moves updatedAt and the etag", async () => {
    const created = await createWorkOrder(order("merge", { description: "before", estimatedHours: 2.5, scheduledFor: "2026-12-02T09:00:00Z" }), new Date("2026-11-01T00:00:00Z"));
    const changes = definitionExample("WorkOrderChanges");
    const outcome = await updateWorkOrder(created.id, changes, undefined, { now: new Date("2026-11-02T00:00:00Z") });
    assert.ok(outcome.kind === "updated");
    const updated = outcome.workOrder;
    assert.equal(updated.status, "completed");
    assert.equal(updated.description, changes["description"]);
    assert.equal(updated.estimatedHours, 2.5);
    assert.equal(updated.scheduledFor, "2026-12-02T09:00:00Z");
    assert.equal(updated.createdAt, "2026-11-01T00:00:00.000Z");
    assert.equal(updated.updatedAt, "2026-11-02T00:00:00.000Z");
    assert.notEqual(updated.etag, created.etag);
    assert.deepEqual(await getWorkOrder(created.id), updated, "the answer is what was stored, with the stored etag");

    // A whole number stays a number (Table storage would keep it as Int32, and give it back as a number).
    const hours = await updateWorkOrder(created.id, { estimatedHours: 3 });
    assert.ok(hours.kind === "updated");
    assert.equal((await getWorkOrder(created.id))?.estimatedHours, 3);
  });

  test("If-Match: the current etag or * updates; an old one is a precondition failure and changes nothing", async () => {
    const created = await createWorkOrder(order("etag"));
    const first = await updateWorkOrder(created.id, { priority: "high" }, created.etag);
    assert.ok(first.kind === "updated");
    assert.deepEqual(await updateWorkOrder(created.id, { priority: "low" }, created.etag), { kind: "precondition-failed" });
    assert.equal((await getWorkOrder(created.id))?.priority, "high");
    const star = await updateWorkOrder(created.id, { priority: "urgent" }, "*");
    assert.ok(star.kind === "updated");
    assert.deepEqual(await updateWorkOrder(created.id, { priority: "low" }, 'W/"not-an-etag"'), { kind: "precondition-failed" });
  });

  test("two writers with the same etag: exactly one wins", async () => {
    const created = await createWorkOrder(order("race"));
    const outcomes = await Promise.all([
      updateWorkOrder(created.id, { assignedTo: "tech-ana-lopez" }, created.etag),
      updateWorkOrder(created.id, { assignedTo: "tech-ben-okafor" }, created.etag),
    ]);
    assert.deepEqual(outcomes.map((o) => o.kind).sort(), ["precondition-failed", "updated"]);
    const winner = outcomes.find((o) => o.kind === "updated");
    assert.ok(winner?.kind === "updated");
    assert.deepEqual(await getWorkOrder(created.id), winner.workOrder);
  });

  test("writers without If-Match never lose each other's changes", async () => {
    const created = await createWorkOrder(order("merge race"));
    const outcomes = await Promise.all([
      updateWorkOrder(created.id, { assignedTo: "tech-ana-lopez" }),
      updateWorkOrder(created.id, { priority: "urgent" }),
      updateWorkOrder(created.id, { description: "three writers" }),
    ]);
    assert.deepEqual(outcomes.map((o) => o.kind), ["updated", "updated", "updated"]);
    const final = await getWorkOrder(created.id);
    assert.equal(final?.assignedTo, "tech-ana-lopez");
    assert.equal(final?.priority, "urgent");
    assert.equal(final?.description, "three writers");
  });

  test("writers that keep losing past the deadline are told to retry (contended), and lose nothing of anyone's", async () => {
    const created = await createWorkOrder(order("deadline race"));
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => updateWorkOrder(created.id, { description: `writer ${i}` }, undefined, { deadlineMs: 0 })));
    const kinds = outcomes.map((o) => o.kind);
    assert.ok(kinds.includes("updated"), kinds.join(", "));
    assert.ok(kinds.includes("contended"), `with no time to retry, the losers are contended: ${kinds.join(", ")}`);
    for (const outcome of outcomes) {
      if (outcome.kind === "contended") {
        assert.ok(outcome.retryAfterSeconds >= 1);
        assert.ok(outcome.attempts >= 1);
      }
    }
    const final = await getWorkOrder(created.id);
    const winners = outcomes.flatMap((o) => (o.kind === "updated" ? [o.workOrder] : []));
    assert.ok(winners.some((w) => w.etag === final?.etag && w.description === final?.description));
  });

  test("an entity the service would refuse is refused before it is sent: 400 for a string over 64 KiB, 413 over 1 MiB", async () => {
    const before = (await listWorkOrders({}, 200)).items.length;
    // Bypassing the spec's maxLength (a spec without one): storage would answer PropertyValueTooLarge.
    const long = { ...order("too long"), description: "d".repeat(MAX_STRING_UNITS + 1) };
    await assert.rejects(createWorkOrder(long), (error: unknown) => {
      assert.ok(error instanceof HttpProblemError && error.cause === undefined, `refused by the check, not by the service: ${String(error)}`);
      assert.equal(error.status, 400);
      assert.deepEqual(error.errors?.map((e) => e.name), ["/description"]);
      return true;
    });
    // UTF-16 counts: 20,000 characters outside the BMP are 40,000 code units, over the limit.
    const astral = { ...order("astral"), siteAddress: "😀".repeat(20_000) };
    await assert.rejects(createWorkOrder(astral), (error: unknown) => error instanceof HttpProblemError && error.status === 400);
    const created = await createWorkOrder(order("grows"));
    await assert.rejects(updateWorkOrder(created.id, { description: "d".repeat(MAX_STRING_UNITS + 1) }), (error: unknown) => error instanceof HttpProblemError && error.status === 400);
    assert.equal((await getWorkOrder(created.id))?.etag, created.etag, "a refused change writes nothing");
    assert.equal((await listWorkOrders({}, 200)).items.length, before + 1, "only the one that fits was stored");
    // The sample's fields cannot reach 1 MiB (six strings of 64 KiB are 384 KiB), so the entity limit is shown on
    // the check itself: 17 strings of 64 KiB, as a spec with more fields could send.
    const fields: Record<string, string> = {};
    for (let i = 0; i < 17; i++) fields[`f${i}`] = "x".repeat(MAX_STRING_UNITS);
    assert.ok(entitySize({ partitionKey: "p", rowKey: "r", ...fields }) > MAX_ENTITY_BYTES);
    assert.throws(() => assertEntityFits({ partitionKey: "p", rowKey: "r", ...fields }), (error: unknown) => error instanceof HttpProblemError && error.status === 413);
    // The documented formula: 4 + keys at 2 a character + per property 8 + name at 2 + value (string: 4 + 2 a unit).
    assert.equal(entitySize({ partitionKey: "pk", rowKey: "rk", a: "xyz", n: 1, b: true }), 4 + 8 + (8 + 2 + 10) + (8 + 2 + 8) + (8 + 2 + 1));
  });

  test("missing work orders, and ids that cannot be keys, are simply not found", async () => {
    const gone = await createWorkOrder(order("to delete"));
    assert.equal(await deleteWorkOrder(gone.id), true);
    assert.equal(await deleteWorkOrder(gone.id), false);
    assert.equal(await getWorkOrder(gone.id), undefined);
    assert.deepEqual(await updateWorkOrder(gone.id, { title: "x" }), { kind: "not-found" });
    assert.deepEqual(await updateWorkOrder(gone.id, { title: "x" }, gone.etag), { kind: "not-found" });
    for (const id of ["", "a/b", "a#b", "a?b", "back\\slash", "x".repeat(2000), "nul\u0000"]) {
      assert.equal(await getWorkOrder(id), undefined, JSON.stringify(id));
      assert.equal(await deleteWorkOrder(id), false, JSON.stringify(id));
      assert.deepEqual(await updateWorkOrder(id, { title: "x" }), { kind: "not-found" });
    }
    // Characters that are fine in a key but odd in a URL reach the service and are not found there.
    assert.equal(await getWorkOrder("it's 'quoted' & spaced"), undefined);
  });
});
