/**
 * What hostile testing broke (issue 15), kept fixed: the sample over real HTTP on 127.0.0.1, real Azurite, real
 * tokens from a local issuer. Concurrent writers, oversize values, a table deleted under the running app, storage
 * going away, PATCHes that change nothing, a forged Host header, and app-only tokens.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { TableClient } from "@azure/data-tables";
import { registrations as bindings } from "../../generated/registrations.js";
import { validators } from "../../generated/validators.js";
import { registerOperations } from "../../src/runtime/register.js";
import type { RuntimeSettings } from "../../src/runtime/settings.js";
import { WORK_ORDERS_TABLE } from "../../src/storage/work-orders.js";
import { createLocalHost } from "../../scripts/serve/host.js";
import { startAzurite } from "../../scripts/serve/azurite.js";
import { startTestIssuer, type TestIssuer } from "../auth/harness.js";
import { useAzurite } from "../helpers/azurite.js";
import { definitionExample } from "../helpers/spec.js";

const KEY = "hardening-test-key-abcdefghijklmnopqrstuvwxyz";
const MAX_BODY = 1024 * 1024;

type Json = Record<string, unknown>;

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: Json | undefined;
}

interface App {
  readonly base: string;
  readonly logs: string[];
  call(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string>; token?: string }): Promise<Answer>;
  stop(): Promise<void>;
}

/** The sample behind the local host, as `conduit serve` runs it, with a token from `issuer` on every call. */
async function startApp(issuer: TestIssuer, settings: Partial<RuntimeSettings> = {}): Promise<App> {
  const token = await issuer.mint();
  const registrations = registerOperations(() => {}, bindings, { maxBodyBytes: MAX_BODY, responseValidation: "enforce", authorizer: issuer.guard(), ...settings });
  const logs: string[] = [];
  const server: Server = createLocalHost({ registrations, routePrefix: "api", functionKey: KEY, maxBodyBytes: MAX_BODY, log: (line) => logs.push(line) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  return {
    base,
    logs,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { "x-functions-key": KEY, authorization: `Bearer ${options.token ?? token}`, ...options.headers };
      let body: string | undefined;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers["content-type"] = "application/json";
      }
      const response = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Json) : undefined };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function assertValid(operationId: keyof typeof validators, status: string, body: unknown): void {
  const validate = validators[operationId].responses[status];
  assert.ok(validate, `${operationId} declares a schema for ${status}`);
  assert.ok(validate(body), `${operationId} ${status} matches the spec: ${JSON.stringify(validate.errors)}`);
}

/** `count` PATCHes without If-Match on one work order, all at once: how many got which status. */
async function concurrentPatches(app: App, id: string, count: number): Promise<{ statuses: Map<number, number>; answers: Answer[] }> {
  const answers = await Promise.all(Array.from({ length: count }, (_, i) => app.call("PATCH", `/workorders/${id}`, { body: { description: `writer ${i}` } })));
  const statuses = new Map<number, number>();
  for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  return { statuses, answers };
}

describe("the sample under hostile use", () => {
  const azurite = useAzurite();
  let issuer: TestIssuer;
  let app: App;

  before(async () => {
    issuer = await startTestIssuer();
    app = await startApp(issuer);
  });
  after(async () => {
    await app.stop();
    await issuer.stop();
  });

  async function created(): Promise<Json> {
    const answer = await app.call("POST", "/workorders", { body: definitionExample("NewWorkOrder") });
    assert.equal(answer.status, 201, JSON.stringify(answer.json));
    return answer.json ?? {};
  }

  for (const count of [50, 70]) {
    test(`${count} concurrent PATCHes without If-Match on one work order: each is applied (200) or told when to retry (503 + Retry-After), never a 500`, async (t) => {
      const id = String((await created())["id"]);
      const { statuses, answers } = await concurrentPatches(app, id, count);
      t.diagnostic(`${count} concurrent PATCHes: ${[...statuses].sort().map(([status, n]) => `${n} × ${status}`).join(", ")}`);
      for (const answer of answers) {
        assert.ok(answer.status === 200 || answer.status === 503, `status ${answer.status}: ${JSON.stringify(answer.json)}`);
        if (answer.status === 503) {
          assert.match(String(answer.headers.get("retry-after")), /^\d+$/);
          assertValid("UpdateWorkOrder", "503", answer.json);
        } else assertValid("UpdateWorkOrder", "200", answer.json);
      }
      const applied = answers.filter((a) => a.status === 200);
      assert.ok(applied.length > 0);
      // Each 200 is a version of its own: no two writers were told they wrote the same one.
      assert.equal(new Set(applied.map((a) => a.json?.["etag"])).size, applied.length);
      const final = await app.call("GET", `/workorders/${id}`);
      assert.ok(applied.some((a) => a.json?.["etag"] === final.json?.["etag"] && a.json?.["description"] === final.json?.["description"]), "the last 200 is what is stored");
    });
  }

  test("a 33,000-character assignedTo, or a date-time with 40,000 digits of fraction: 400 naming the field, nothing stored", async () => {
    const before = await app.call("GET", "/workorders?top=200");
    const huge = { ...definitionExample("NewWorkOrder"), assignedTo: "t".repeat(33_000) };
    const create = await app.call("POST", "/workorders", { body: huge });
    assert.equal(create.status, 400, JSON.stringify(create.json).slice(0, 300));
    assert.deepEqual((create.json?.["errors"] as Json[]).map((e) => e["name"]), ["/assignedTo"]);
    const longDate = { ...definitionExample("NewWorkOrder"), scheduledFor: `2026-12-02T09:00:00.${"0".repeat(40_000)}Z` };
    const date = await app.call("POST", "/workorders", { body: longDate });
    assert.equal(date.status, 400);
    assert.deepEqual((date.json?.["errors"] as Json[]).map((e) => e["name"]), ["/scheduledFor"]);
    const after = await app.call("GET", "/workorders?top=200");
    assert.equal((after.json?.["value"] as Json[]).length, (before.json?.["value"] as Json[]).length, "nothing was stored");

    const id = String((await created())["id"]);
    const patch = await app.call("PATCH", `/workorders/${id}`, { body: { assignedTo: "t".repeat(33_000) } });
    assert.equal(patch.status, 400);
    assert.deepEqual((patch.json?.["errors"] as Json[]).map((e) => e["name"]), ["/assignedTo"]);
  });

  test("a PATCH that changes nothing (unknown fields only, or the values it already has) makes no new version", async () => {
    const order = await created();
    const id = String(order["id"]);
    for (const body of [{ colour: "red" }, { status: order["status"], title: order["title"] }]) {
      const answer = await app.call("PATCH", `/workorders/${id}`, { body });
      assert.equal(answer.status, 200);
      assertValid("UpdateWorkOrder", "200", answer.json);
      assert.equal(answer.json?.["etag"], order["etag"], `${JSON.stringify(body)}: same version`);
      assert.equal(answer.json?.["updatedAt"], order["updatedAt"]);
      assert.equal(answer.json?.["colour"], undefined);
    }
    const stale = await app.call("PATCH", `/workorders/${id}`, { body: { colour: "red" }, headers: { "if-match": 'W/"datetime\'2001-01-01T00%3A00%3A00Z\'"' } });
    assert.equal(stale.status, 412, "If-Match is still checked");
  });

  test("a table deleted under the running app is made again: no 500, no restart", async () => {
    await created();
    const client = TableClient.fromConnectionString(azurite.handle().connectionString, WORK_ORDERS_TABLE, { allowInsecureConnection: true });
    await client.deleteTable();
    // The service may take a moment to let a deleted table's name be used again; the app must not answer 500 meanwhile.
    const list = await app.call("GET", "/workorders");
    assert.equal(list.status, 200, JSON.stringify(list.json));
    assert.deepEqual(list.json?.["value"], []);
    const again = await app.call("POST", "/workorders", { body: definitionExample("NewWorkOrder") });
    assert.equal(again.status, 201);
    assert.equal((await app.call("GET", `/workorders/${String(again.json?.["id"])}`)).status, 200);
  });

  test("app-only tokens: a role named like the scope does not pass for the scope", async () => {
    const appOnly = await issuer.mint({ scopes: [], roles: ["user_impersonation"] });
    const answer = await app.call("GET", "/technicians", { token: appOnly });
    assert.equal(answer.status, 403);
    assert.match(String(answer.headers.get("www-authenticate")), /insufficient_scope/);
  });
});

describe("links name the public host from configuration, whatever the Host header says", () => {
  useAzurite();
  let issuer: TestIssuer;
  let app: App;

  before(async () => {
    issuer = await startTestIssuer();
    app = await startApp(issuer, { publicOrigin: "https://workorders.contoso.example" });
  });
  after(async () => {
    await app.stop();
    await issuer.stop();
  });

  test("Location and nextLink use CONDUIT_PUBLIC_ORIGIN, not a forged Host", async () => {
    const forged = { host: "evil.example:8080" };
    const create = await app.call("POST", "/workorders", { body: definitionExample("NewWorkOrder"), headers: forged });
    assert.equal(create.status, 201);
    assert.equal(create.headers.get("location"), `https://workorders.contoso.example/api/workorders/${String(create.json?.["id"])}`);
    await app.call("POST", "/workorders", { body: definitionExample("NewWorkOrder") });
    const page = await app.call("GET", "/workorders?top=1&code=secret", { headers: forged });
    assert.equal(page.status, 200);
    assert.match(String(page.json?.["nextLink"]), /^https:\/\/workorders\.contoso\.example\/api\/workorders\?top=1&skipToken=/);
  });
});

describe("storage going away", () => {
  let issuer: TestIssuer;
  let app: App;
  let previous: string | undefined;
  let stopStorage: () => Promise<void>;

  before(async () => {
    const storage = await startAzurite();
    stopStorage = () => storage.stop();
    previous = process.env["AzureWebJobsStorage"];
    process.env["AzureWebJobsStorage"] = storage.connectionString;
    issuer = await startTestIssuer();
    app = await startApp(issuer);
  });
  after(async () => {
    await app.stop();
    await issuer.stop();
    await stopStorage();
    if (previous === undefined) delete process.env["AzureWebJobsStorage"];
    else process.env["AzureWebJobsStorage"] = previous;
  });

  test("an outage answers 503 with Retry-After (a problem, no detail of the failure), never 500", async () => {
    assert.equal((await app.call("GET", "/workorders")).status, 200, "storage is up");
    await stopStorage();
    for (const [method, path, body] of [
      ["GET", "/workorders", undefined],
      ["GET", "/workorders/6f1c2f9e-2d7b-4a8e-9a31-3c5b2f0e7d41", undefined],
      ["POST", "/workorders", definitionExample("NewWorkOrder")],
      ["GET", "/technicians", undefined],
    ] as const) {
      const answer = await app.call(method, path, body === undefined ? {} : { body });
      assert.equal(answer.status, 503, `${method} ${path}: ${JSON.stringify(answer.json)}`);
      assert.match(String(answer.headers.get("retry-after")), /^\d+$/);
      assert.equal(answer.headers.get("content-type"), "application/problem+json");
      assert.doesNotMatch(JSON.stringify(answer.json), /ECONNREFUSED|127\.0\.0\.1/);
    }
    assert.ok(app.logs.some((line) => /ECONNREFUSED/.test(line)), "the cause is logged");
  });
});
