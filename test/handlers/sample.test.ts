/**
 * The sample's six handlers through the runtime adapter, against real Table storage (Azurite): requests built
 * from the spec's own examples, real HttpRequest and InvocationContext objects, responses validated strictly by
 * the adapter (enforce) and checked again here with the generated response validators.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { operations, type OperationId } from "../../generated/operations.js";
import { validators } from "../../generated/validators.js";
import type { ProblemDetails, ProblemFieldError } from "../../src/runtime/handler.js";
import { saveTechnicians, type Technician } from "../../src/storage/technicians.js";
import type { WorkOrder } from "../../src/storage/work-orders.js";
import { useAzurite } from "../helpers/azurite.js";
import { BASE_URL, call, type CallInit, type CallResult } from "../helpers/invoke.js";
import { sampleApp } from "../helpers/sample.js";
import { definitionExample, responseExample } from "../helpers/spec.js";

const app = sampleApp();

/** Calls one operation and checks the answer against the contract: a declared status, a body its schema accepts. */
async function send(operationId: OperationId, init: CallInit): Promise<CallResult> {
  const result = await call(app[operationId], init);
  const declared = operations[operationId].responses.map((r) => r.status);
  // The runtime refuses bad input with a 400 whether or not the spec declares one (ListTechnicians does not).
  const refusedInput = result.status === 400 && /not valid for /.test(String((result.body as ProblemDetails | undefined)?.detail));
  assert.ok(declared.includes(String(result.status)) || refusedInput, `${operationId} answered ${result.status}, not one of ${declared.join(", ")}: ${result.text}`);
  const validate = validators[operationId].responses[String(result.status)];
  if (validate !== undefined) assert.ok(validate(result.body), `${operationId} ${result.status}: ${JSON.stringify(validate.errors)}`);
  if (result.status >= 400) {
    assert.equal(result.headers.get("content-type"), "application/problem+json");
    const problem = result.body as ProblemDetails;
    assert.equal(problem.status, result.status);
    assert.equal(typeof problem.title, "string");
  } else if (validate !== undefined) {
    assert.equal(result.headers.get("content-type"), "application/json");
  } else {
    assert.equal(result.text, "", `${operationId} ${result.status} has no body in the spec`);
  }
  assert.deepEqual(
    result.logs.filter((line) => line.level === "error"),
    [],
    "nothing logged as an error",
  );
  return result;
}

const create = async (body: Record<string, unknown>): Promise<WorkOrder> => {
  const created = await send("CreateWorkOrder", { url: "workorders", json: body });
  assert.equal(created.status, 201, created.text);
  return created.body as WorkOrder;
};

function fieldErrors(result: CallResult): string[] {
  assert.equal(result.status, 400, result.text);
  return ((result.body as ProblemDetails).errors ?? []).map((e: ProblemFieldError) => `${e.in}:${e.name}`).sort();
}

describe("the sample's handlers through the adapter, on Azurite", () => {
  useAzurite();
  const technicians = (responseExample("ListTechnicians", "200") as { value: Technician[] }).value;

  before(async () => {
    await saveTechnicians(technicians);
  });

  describe("ListTechnicians", () => {
    test("all of them, as the spec's example shows them", async () => {
      const all = await send("ListTechnicians", { url: "technicians" });
      assert.equal(all.status, 200);
      const value = (all.body as { value: Technician[] }).value;
      assert.deepEqual([...value].sort((a, b) => a.id.localeCompare(b.id)), technicians);
    });

    test("available=true|false filters; anything else is a 400 naming available", async () => {
      const ids = async (available: string): Promise<string[]> =>
        ((await send("ListTechnicians", { url: `technicians?available=${available}` })).body as { value: Technician[] }).value.map((t) => t.id).sort();
      assert.deepEqual(await ids("true"), ["tech-ana-lopez", "tech-ben-okafor"]);
      assert.deepEqual(await ids("FALSE"), ["tech-chen-wei"]);
      assert.deepEqual(fieldErrors(await send("ListTechnicians", { url: "technicians?available=maybe" })), ["query:available"]);
    });
  });

  describe("CreateWorkOrder and GetWorkOrder", () => {
    test("the NewWorkOrder example: 201, Location that GetWorkOrder answers, server-set fields, defaults", async () => {
      const example = definitionExample("NewWorkOrder");
      const created = await send("CreateWorkOrder", { url: "workorders?code=function-key", json: example });
      assert.equal(created.status, 201);
      const order = created.body as WorkOrder;
      assert.equal(order.status, "new", "status defaults to new");
      assert.equal(order.priority, example["priority"]);
      for (const [name, value] of Object.entries(example)) assert.deepEqual(order[name as keyof WorkOrder], value, name);
      assert.equal(order.createdAt, order.updatedAt);
      assert.ok(Math.abs(Date.parse(order.createdAt) - Date.now()) < 60_000, "createdAt is the server's time");
      assert.ok(order.etag);

      const location = created.headers.get("location");
      assert.equal(location, new URL(`workorders/${order.id}`, BASE_URL).toString(), "absolute, without the function key");
      const got = await send("GetWorkOrder", { url: location ?? "" });
      assert.equal(got.status, 200);
      assert.deepEqual(got.body, order);

      const defaults = await create({ title: "Defaults", customerName: "Contoso", siteAddress: "1 Main St" });
      assert.equal(defaults.priority, "normal");
      assert.equal(defaults.status, "new");
    });

    test("fields the client may not set, or the spec does not know, are ignored, not stored", async () => {
      const text = JSON.stringify({ ...definitionExample("NewWorkOrder"), id: "chosen-by-client", createdAt: "2000-01-01T00:00:00Z", etag: "*", secret: "x" })
        .replace(/^\{/, '{"__proto__":{"polluted":true,"status":"cancelled"},');
      const created = await send("CreateWorkOrder", { url: "workorders", headers: { "content-type": "application/json" }, body: text });
      assert.equal(created.status, 201, created.text);
      const order = created.body as Record<string, unknown>;
      assert.notEqual(order["id"], "chosen-by-client");
      assert.notEqual(order["createdAt"], "2000-01-01T00:00:00Z");
      assert.notEqual(order["etag"], "*");
      assert.equal(order["status"], "new");
      for (const key of ["secret", "polluted", "__proto__"]) assert.equal(Object.hasOwn(order, key), false, key);
      assert.deepEqual((await send("GetWorkOrder", { url: `workorders/${String(order["id"])}` })).body, order);
      assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
    });

    test("400 names every bad field, and nothing is stored", async () => {
      const before = await send("ListWorkOrders", { url: "workorders?top=200&assignedTo=tech-nobody" });
      const bad = await send("CreateWorkOrder", {
        url: "workorders",
        json: { title: "", customerName: "x".repeat(201), scheduledFor: "next tuesday", priority: "asap", estimatedHours: -1, assignedTo: "tech-nobody" },
      });
      assert.deepEqual(fieldErrors(bad), ["body:/customerName", "body:/estimatedHours", "body:/priority", "body:/scheduledFor", "body:/siteAddress", "body:/title"]);
      const messages = Object.fromEntries(((bad.body as ProblemDetails).errors ?? []).map((e) => [e.name, e.message]));
      assert.equal(messages["/siteAddress"], "is required");
      assert.equal(messages["/priority"], 'must be one of: "low", "normal", "high", "urgent"');
      assert.equal(messages["/scheduledFor"], "must be a valid date-time");
      const after = await send("ListWorkOrders", { url: "workorders?top=200&assignedTo=tech-nobody" });
      assert.deepEqual(after.body, before.body);

      assert.deepEqual(fieldErrors(await send("CreateWorkOrder", { url: "workorders" })), ["body:"]);
      const malformed = await send("CreateWorkOrder", { url: "workorders", headers: { "content-type": "application/json" }, body: '{\n  "title": "x",\n  "customerName": "y"\n  "siteAddress": "z"\n}' });
      assert.equal(malformed.status, 400);
      assert.match((malformed.body as ProblemDetails).detail ?? "", /line 4, column 3/);
    });

    test("404 problem for an unknown id, and for ids that cannot be table keys", async () => {
      for (const id of ["6f1c2f9e-2d7b-4a8e-9a31-3c5b2f0e7d41", "a/b", "hash#tag", "what?", "it's"]) {
        const missing = await send("GetWorkOrder", { url: `workorders/${encodeURIComponent(id)}`, params: { workOrderId: id } });
        assert.equal(missing.status, 404, id);
        assert.equal((missing.body as ProblemDetails).title, "Not Found");
        assert.ok((missing.body as ProblemDetails).detail?.includes(id));
      }
    });
  });

  describe("UpdateWorkOrder", () => {
    test("the WorkOrderChanges example merges into the work order; the answer carries the new etag", async () => {
      const original = await create({ ...definitionExample("NewWorkOrder"), assignedTo: "tech-ana-lopez" });
      const changes = definitionExample("WorkOrderChanges");
      const updated = await send("UpdateWorkOrder", { url: `workorders/${original.id}`, json: changes });
      assert.equal(updated.status, 200);
      const order = updated.body as WorkOrder;
      assert.deepEqual(order, {
        ...original,
        ...changes,
        updatedAt: order.updatedAt,
        etag: order.etag,
      });
      assert.notEqual(order.etag, original.etag);
      assert.ok(order.updatedAt >= original.updatedAt);
      assert.deepEqual((await send("GetWorkOrder", { url: `workorders/${original.id}` })).body, order);
    });

    test("If-Match: the current etag updates; an old one is a 412 and changes nothing; * always updates", async () => {
      const original = await create(definitionExample("NewWorkOrder"));
      const first = await send("UpdateWorkOrder", { url: `workorders/${original.id}`, headers: { "if-match": original.etag ?? "" }, json: { status: "scheduled" } });
      assert.equal(first.status, 200);
      const stale = await send("UpdateWorkOrder", { url: `workorders/${original.id}`, headers: { "If-Match": original.etag ?? "" }, json: { status: "cancelled" } });
      assert.equal(stale.status, 412);
      assert.equal((stale.body as ProblemDetails).title, "Precondition Failed");
      assert.equal(((await send("GetWorkOrder", { url: `workorders/${original.id}` })).body as WorkOrder).status, "scheduled");
      const current = (first.body as WorkOrder).etag ?? "";
      const second = await send("UpdateWorkOrder", { url: `workorders/${original.id}`, headers: { "if-match": current }, json: { status: "inProgress" } });
      assert.equal(second.status, 200);
      const star = await send("UpdateWorkOrder", { url: `workorders/${original.id}`, headers: { "if-match": "*" }, json: { status: "completed" } });
      assert.equal(star.status, 200);
      const empty = await send("UpdateWorkOrder", { url: `workorders/${original.id}`, headers: { "if-match": "" }, json: { status: "cancelled" } });
      assert.equal(empty.status, 412, "an empty If-Match names no version the work order has (a flow that leaves Version blank sends none)");
    });

    test("404 for a work order that is not there; 400 for no changes or bad ones", async () => {
      const missing = await send("UpdateWorkOrder", { url: "workorders/6f1c2f9e-2d7b-4a8e-9a31-3c5b2f0e7d41", json: definitionExample("WorkOrderChanges") });
      assert.equal(missing.status, 404);
      const order = await create(definitionExample("NewWorkOrder"));
      assert.deepEqual(fieldErrors(await send("UpdateWorkOrder", { url: `workorders/${order.id}`, json: {} })), ["body:"]);
      assert.deepEqual(fieldErrors(await send("UpdateWorkOrder", { url: `workorders/${order.id}`, json: { status: "done", title: "" } })), ["body:/status", "body:/title"]);
      assert.deepEqual((await send("GetWorkOrder", { url: `workorders/${order.id}` })).body, order, "a refused change changes nothing");
    });
  });

  describe("DeleteWorkOrder", () => {
    test("204 without a body, then 404 for get, update and delete", async () => {
      const order = await create(definitionExample("NewWorkOrder"));
      const deleted = await send("DeleteWorkOrder", { url: `workorders/${order.id}` });
      assert.equal(deleted.status, 204);
      assert.equal((await send("GetWorkOrder", { url: `workorders/${order.id}` })).status, 404);
      assert.equal((await send("UpdateWorkOrder", { url: `workorders/${order.id}`, json: { status: "cancelled" } })).status, 404);
      assert.equal((await send("DeleteWorkOrder", { url: `workorders/${order.id}` })).status, 404);
    });
  });

  describe("ListWorkOrders", () => {
    const technician = "tech-ben-okafor";
    const made: WorkOrder[] = [];
    before(async () => {
      // Eleven work orders for one technician, created one after another: the newest is made last.
      const priorities = ["low", "normal", "high", "urgent"] as const;
      const statuses = ["new", "scheduled", "inProgress"] as const;
      for (let i = 0; i < 11; i++) {
        made.push(
          await create({
            ...definitionExample("NewWorkOrder"),
            title: `Job ${i}`,
            assignedTo: technician,
            priority: priorities[i % 4],
            status: statuses[i % 3],
          }),
        );
        // Ids order by creation millisecond: keep each in its own.
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    });

    async function follow(first: string): Promise<{ pages: WorkOrder[][]; links: string[] }> {
      const pages: WorkOrder[][] = [];
      const links: string[] = [];
      let next: string | undefined = first;
      while (next !== undefined && pages.length < 20) {
        const page = await send("ListWorkOrders", { url: next });
        assert.equal(page.status, 200, page.text);
        const body = page.body as { value: WorkOrder[]; nextLink?: string };
        pages.push(body.value);
        next = body.nextLink;
        if (next !== undefined) links.push(next);
      }
      return { pages, links };
    }

    test("pages of `top`, newest first, following nextLink to the end", async () => {
      const { pages, links } = await follow(`workorders?assignedTo=${technician}&top=4`);
      assert.deepEqual(pages.map((p) => p.length), [4, 4, 3]);
      assert.deepEqual(
        pages.flat().map((w) => w.title),
        [...made].reverse().map((w) => w.title),
      );
      for (const link of links) {
        const url = new URL(link);
        assert.equal(url.origin + url.pathname, new URL("workorders", BASE_URL).toString(), "absolute, same address");
        assert.equal(url.searchParams.get("assignedTo"), technician);
        assert.equal(url.searchParams.get("top"), "4");
        assert.equal(url.searchParams.getAll("skipToken").length, 1);
      }
      assert.notEqual(links[0], links[1]);
    });

    test("nextLink keeps every filter, replaces the skipToken, and leaves a function key out", async () => {
      const { pages, links } = await follow(`workorders?code=secret-key&priority=high,urgent&assignedTo=${technician}&top=1&status=new`);
      // Job 2 (high, inProgress), 3 (urgent, new), 6 (high, new), 7 (urgent, scheduled), 10 (high, scheduled):
      // status=new (the first value) and high or urgent leaves 3 and 6.
      assert.deepEqual(pages.flat().map((w) => w.title), ["Job 6", "Job 3"]);
      assert.equal(links.length, 1);
      for (const link of links) {
        const url = new URL(link);
        assert.equal(url.searchParams.get("code"), null);
        assert.equal(url.searchParams.get("priority"), "high,urgent");
        assert.equal(url.searchParams.get("status"), "new");
        assert.equal(url.searchParams.get("top"), "1");
      }
      const all = await follow(`workorders?priority=urgent,high&assignedTo=${technician}&top=2`);
      assert.deepEqual(all.pages.flat().map((w) => w.title), ["Job 10", "Job 7", "Job 6", "Job 3", "Job 2"]);
      assert.deepEqual(all.pages.map((p) => p.length), [2, 2, 1]);
    });

    test("top defaults to 50; without more to list there is no nextLink", async () => {
      const page = await send("ListWorkOrders", { url: `workorders?assignedTo=${technician}` });
      const body = page.body as { value: WorkOrder[]; nextLink?: string };
      assert.equal(body.value.length, 11);
      assert.equal(body.nextLink, undefined);
      const exact = await send("ListWorkOrders", { url: `workorders?assignedTo=${technician}&top=11` });
      assert.equal((exact.body as { nextLink?: string }).nextLink, undefined, "a full last page says so");
    });

    test("a filter value with quotes is data, not query syntax", async () => {
      for (const assignedTo of ["x' or PartitionKey ne '", "tech-ben-okafor' or '1' eq '1"]) {
        const page = await send("ListWorkOrders", { url: `workorders?assignedTo=${encodeURIComponent(assignedTo)}` });
        assert.deepEqual((page.body as { value: unknown[] }).value, [], assignedTo);
      }
    });

    test("400 names the bad filters: status, a priority item, top out of range, a skipToken that is not ours", async () => {
      assert.deepEqual(fieldErrors(await send("ListWorkOrders", { url: "workorders?status=done&priority=high,soon&top=201" })), ["query:priority", "query:status", "query:top"]);
      assert.deepEqual(fieldErrors(await send("ListWorkOrders", { url: "workorders?top=0" })), ["query:top"]);
      assert.deepEqual(fieldErrors(await send("ListWorkOrders", { url: "workorders?top=ten" })), ["query:top"]);
      const tampered = await send("ListWorkOrders", { url: "workorders?skipToken=eyJuZXh0UGFydGl0aW9uS2V5IjoiIn0" });
      assert.deepEqual(fieldErrors(tampered), ["query:skipToken"]);
      assert.match((tampered.body as ProblemDetails).detail ?? "", /follow nextLink as it is/);
    });

    test("an empty value is the value it spells (flows leave empty inputs out, so only direct callers send one)", async () => {
      const technician = `tech-empty-${Date.now()}`;
      await create({ ...definitionExample("NewWorkOrder"), assignedTo: technician });
      const ids = (result: CallResult) => (result.body as { value: WorkOrder[] }).value.map((w) => w.id).sort();
      // "" is not a status, not a number, not a page token, and the empty list names no priority: 400 naming each.
      assert.deepEqual(fieldErrors(await send("ListWorkOrders", { url: `workorders?assignedTo=${technician}&status=&priority=&top=` })), ["query:priority", "query:status", "query:top"]);
      assert.deepEqual(fieldErrors(await send("ListWorkOrders", { url: "workorders?skipToken=" })), ["query:skipToken"]);
      assert.deepEqual(fieldErrors(await send("ListTechnicians", { url: "technicians?available=" })), ["query:available"]);
      // The empty string is a technician id like any other: nobody's.
      assert.deepEqual(ids(await send("ListWorkOrders", { url: "workorders?assignedTo=&top=200" })), []);
    });

    test("the spec's own 200 example is a valid page (the contract the handler is held to)", () => {
      const validate = validators.ListWorkOrders.responses["200"];
      assert.ok(validate?.(responseExample("ListWorkOrders", "200")), JSON.stringify(validate?.errors));
    });
  });

  describe("storage that is not configured", () => {
    test("500 with the invocation id; the log names the missing setting", async () => {
      const saved = process.env["AzureWebJobsStorage"];
      delete process.env["AzureWebJobsStorage"];
      try {
        const result = await call(app.GetWorkOrder, { url: "workorders/abc", invocationId: "inv-missing-setting" });
        assert.equal(result.status, 500);
        const problem = result.body as ProblemDetails;
        assert.equal(problem["invocationId"], "inv-missing-setting");
        assert.doesNotMatch(result.text, /AzureWebJobsStorage|StorageSettingError|at /);
        assert.ok(result.logs.some((line) => line.level === "error" && /the AzureWebJobsStorage app setting is not set/.test(line.message)));
      } finally {
        process.env["AzureWebJobsStorage"] = saved;
      }
    });
  });
});
