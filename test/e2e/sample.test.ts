/**
 * The sample function app as a caller sees it: real handlers, real Table storage (Azurite), the local host over
 * HTTP on 127.0.0.1, function key and user token, the spec's own examples as requests, every response checked
 * against the spec's schemas with the generated validators.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "yaml";
import { registrations as bindings } from "../../generated/registrations.js";
import { validators } from "../../generated/validators.js";
import type { OperationBinding } from "../../src/runtime/contract.js";
import { notImplemented } from "../../src/runtime/errors.js";
import { registerOperations } from "../../src/runtime/register.js";
import { saveTechnicians } from "../../src/storage/technicians.js";
import { createLocalHost } from "../../scripts/serve/host.js";
import { exampleTechnicians } from "../../src/seed.js";
import { startTestIssuer, type TestIssuer } from "../auth/harness.js";
import { useAzurite } from "../helpers/azurite.js";

const KEY = "sample-test-key-abcdefghijklmnopqrstuvwxyz";
const MAX_BODY = 64 * 1024;

interface Spec {
  paths: Record<string, Record<string, { operationId?: string }>>;
  definitions: Record<string, { example?: Record<string, unknown> }>;
}

type Json = Record<string, unknown>;

describe("the sample over HTTP: every operation, from the spec's examples", () => {
  useAzurite();
  let issuer: TestIssuer;
  let server: Server;
  let base: string;
  let token: string;
  let spec: Spec;
  const logs: string[] = [];

  before(async () => {
    spec = parse(await readFile("spec/apiDefinition.swagger.yaml", "utf8")) as Spec;
    issuer = await startTestIssuer();
    token = await issuer.mint({ user: "ana.lopez@contoso.com" });
    // Two more functions beside the sample's: one whose handler throws, one not written yet.
    const sample = bindings.find((b) => b.operation.operationId === "GetWorkOrder");
    assert.ok(sample);
    const extra: OperationBinding[] = [
      { ...sample, operation: { ...sample.operation, operationId: "Broken", name: "Broken", route: "broken/{workOrderId}" }, handler: async () => { throw new Error("secret internal detail"); } },
      { ...sample, operation: { ...sample.operation, operationId: "Later", name: "Later", route: "later/{workOrderId}" }, handler: async () => notImplemented("Later") },
    ];
    const registrations = registerOperations(() => {}, [...bindings, ...extra], {
      maxBodyBytes: MAX_BODY,
      responseValidation: "enforce",
      authorizer: issuer.guard(),
    });
    server = createLocalHost({ registrations, routePrefix: "api", functionKey: KEY, maxBodyBytes: MAX_BODY, log: (line) => logs.push(line) });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    await saveTechnicians(exampleTechnicians(spec));
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await issuer.stop();
  });

  async function call(method: string, path: string, options: { body?: unknown; raw?: string; headers?: Record<string, string>; key?: string | null; auth?: boolean } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key !== null) headers["x-functions-key"] = options.key ?? KEY;
    if (options.auth !== false) headers["authorization"] = `Bearer ${token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const response = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as Json) : undefined;
    return { status: response.status, headers: response.headers, json };
  }

  function assertValid(operationId: keyof typeof validators, status: string, body: unknown): void {
    const validate = validators[operationId].responses[status];
    assert.ok(validate, `${operationId} has a schema for ${status}`);
    assert.ok(validate(body), `${operationId} ${status} matches the spec: ${JSON.stringify(validate.errors)}`);
  }

  function example(definition: string): Json {
    const value = spec.definitions[definition]?.example;
    assert.ok(value, `the spec has an example for ${definition}`);
    return value;
  }

  test("ListTechnicians returns the technicians, and filters by availability", async () => {
    const all = await call("GET", "/technicians");
    assert.equal(all.status, 200);
    assertValid("ListTechnicians", "200", all.json);
    assert.deepEqual((all.json?.["value"] as Json[]).map((t) => t["id"]).sort(), exampleTechnicians(spec).map((t) => t.id).sort());
    const available = await call("GET", "/technicians?available=true");
    assert.ok((available.json?.["value"] as Json[]).every((t) => t["available"] === true));
    assert.ok((available.json?.["value"] as Json[]).length < (all.json?.["value"] as Json[]).length);
  });

  test("CreateWorkOrder from the spec's example: 201, Location, defaults, the example's fields", async () => {
    const input = example("NewWorkOrder");
    const created = await call("POST", "/workorders", { body: input });
    assert.equal(created.status, 201);
    assertValid("CreateWorkOrder", "201", created.json);
    for (const [field, value] of Object.entries(input)) assert.deepEqual(created.json?.[field], value, field);
    assert.equal(created.json?.["status"], "new");
    assert.equal(created.headers.get("location"), `${base}/workorders/${String(created.json?.["id"])}`);

    const fetched = await call("GET", `/workorders/${String(created.json?.["id"])}`);
    assert.equal(fetched.status, 200);
    assertValid("GetWorkOrder", "200", fetched.json);
    assert.deepEqual(fetched.json, created.json);
  });

  test("UpdateWorkOrder from the spec's example, with If-Match: 200 for the current version, 412 for an old one", async () => {
    const created = await call("POST", "/workorders", { body: example("NewWorkOrder") });
    const id = String(created.json?.["id"]);
    const etag = String(created.json?.["etag"]);
    const changes = example("WorkOrderChanges");
    const updated = await call("PATCH", `/workorders/${id}`, { body: changes, headers: { "if-match": etag } });
    assert.equal(updated.status, 200);
    assertValid("UpdateWorkOrder", "200", updated.json);
    for (const [field, value] of Object.entries(changes)) assert.deepEqual(updated.json?.[field], value, field);
    assert.equal(updated.json?.["title"], created.json?.["title"], "fields not given keep their value");

    const stale = await call("PATCH", `/workorders/${id}`, { body: { priority: "low" }, headers: { "if-match": etag } });
    assert.equal(stale.status, 412);
    assert.match(String(stale.headers.get("content-type")), /application\/problem\+json/);
  });

  test("DeleteWorkOrder: 204, then 404 for get, update and delete", async () => {
    const created = await call("POST", "/workorders", { body: example("NewWorkOrder") });
    const id = String(created.json?.["id"]);
    assert.equal((await call("DELETE", `/workorders/${id}`)).status, 204);
    assert.equal((await call("GET", `/workorders/${id}`)).status, 404);
    assert.equal((await call("PATCH", `/workorders/${id}`, { body: { status: "cancelled" } })).status, 404);
    const again = await call("DELETE", `/workorders/${id}`);
    assert.equal(again.status, 404);
    assert.match(String(again.json?.["detail"]), new RegExp(id));
  });

  test("ListWorkOrders pages through nextLink and keeps its filters", async () => {
    const customer = `Paging customer ${Date.now()}`;
    const technician = exampleTechnicians(spec)[1]?.id ?? "tech";
    for (let i = 0; i < 5; i++) {
      const body = { ...example("NewWorkOrder"), customerName: customer, title: `Job ${i}`, priority: i % 2 === 0 ? "urgent" : "low", assignedTo: technician };
      assert.equal((await call("POST", "/workorders", { body })).status, 201);
    }
    const seen: Json[] = [];
    let next: string | undefined = `/workorders?top=2&priority=urgent&assignedTo=${technician}`;
    let pages = 0;
    while (next !== undefined) {
      const page = await call("GET", next);
      assert.equal(page.status, 200);
      assertValid("ListWorkOrders", "200", page.json);
      const value = page.json?.["value"] as Json[];
      assert.ok(value.length <= 2, "a page holds at most top items");
      seen.push(...value);
      const link = page.json?.["nextLink"];
      next = typeof link === "string" ? link.slice(base.length) : undefined;
      if (typeof link === "string") assert.ok(link.startsWith(`${base}/workorders?`), "nextLink is absolute");
      pages++;
      assert.ok(pages < 10);
    }
    const mine = seen.filter((w) => w["customerName"] === customer);
    assert.equal(mine.length, 3, "three urgent work orders for this technician");
    assert.ok(seen.every((w) => w["priority"] === "urgent" && w["assignedTo"] === technician));
    assert.ok(pages >= 2, "more than one page");

    const filtered = await call("GET", "/workorders?status=completed");
    assert.ok((filtered.json?.["value"] as Json[]).every((w) => w["status"] === "completed"));
  });

  test("400 names each bad field, in the query and in the body", async () => {
    const query = await call("GET", "/workorders?top=0&status=done&priority=high,soon");
    assert.equal(query.status, 400);
    assert.match(String(query.headers.get("content-type")), /application\/problem\+json/);
    const names = (query.json?.["errors"] as { in: string; name: string }[]).map((e) => `${e.in}:${e.name}`).sort();
    assert.deepEqual(names, ["query:priority", "query:status", "query:top"]);

    const body = await call("POST", "/workorders", { body: { title: "", customerName: "Contoso", scheduledFor: "tomorrow", priority: "asap" } });
    assert.equal(body.status, 400);
    const pointers = (body.json?.["errors"] as { in: string; name: string; message: string }[]).map((e) => `${e.in}:${e.name}`).sort();
    assert.deepEqual(pointers, ["body:/priority", "body:/scheduledFor", "body:/siteAddress", "body:/title"]);
  });

  test("malformed JSON: 400 with line and column", async () => {
    const response = await call("POST", "/workorders", { raw: '{\n  "title": "x",\n}', headers: { "content-type": "application/json" } });
    assert.equal(response.status, 400);
    assert.match(String(response.json?.["detail"]), /not valid JSON.*line 3, column 1/);
  });

  test("401 without the function key, with a wrong one, and without a token", async () => {
    assert.equal((await call("GET", "/technicians", { key: null })).status, 401);
    assert.equal((await call("GET", "/technicians", { key: "wrong" })).status, 401);
    const keyInQuery = await fetch(`${base}/technicians?code=${KEY}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(keyInQuery.status, 200, "the key may come as ?code=");
    const noToken = await call("GET", "/technicians", { auth: false });
    assert.equal(noToken.status, 401);
    assert.match(String(noToken.headers.get("www-authenticate")), /^Bearer/);
  });

  test("404 for an unknown route, 405 with Allow for a wrong method", async () => {
    assert.equal((await call("GET", "/nothing-here")).status, 404);
    const wrong = await call("PUT", "/workorders");
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get("allow"), "GET, POST");
    assert.equal((await call("GET", "/WorkOrders")).status, 200, "routes match case-insensitively, as in the Functions host");
  });

  test("413 for an oversize body, 415 for a body that is not JSON", async () => {
    const big = await call("POST", "/workorders", { body: { ...example("NewWorkOrder"), description: "x".repeat(MAX_BODY) } });
    assert.equal(big.status, 413);
    const form = await call("POST", "/workorders", { raw: "title=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    assert.equal(form.status, 415);
    assert.match(String(form.json?.["detail"]), /application\/json/);
  });

  test("500 without stack or detail (the invocation id instead), 501 for a handler not written yet", async () => {
    const broken = await call("GET", "/broken/anything");
    assert.equal(broken.status, 500);
    const text = JSON.stringify(broken.json);
    assert.doesNotMatch(text, /secret internal detail|at .*\.js/);
    assert.match(String(broken.json?.["invocationId"]), /^[0-9a-f-]{36}$/);
    assert.ok(logs.some((line) => line.includes(String(broken.json?.["invocationId"])) && line.includes("secret internal detail")), "the error is logged with the invocation id");
    assert.equal((await call("GET", "/later/anything")).status, 501);
  });
});
