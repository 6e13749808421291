/**
 * The whole path over HTTP on 127.0.0.1: the connector runtime (played from the bundled package) adds the
 * function key its policy defines and forwards the user's token; the local host checks the key; the runtime
 * adapter asks the auth guard; the handler sees the user. Every refusal is checked to leave the handler unrun.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { operations } from "../../generated/operations.js";
import { validators } from "../../generated/validators.js";
import type { Caller } from "../../src/auth/caller.js";
import type { OperationBinding } from "../../src/runtime/contract.js";
import type { HandlerContext } from "../../src/runtime/handler.js";
import { problem } from "../../src/runtime/problem.js";
import { registerOperations } from "../../src/runtime/register.js";
import { fixedEnvironment } from "../../scripts/bundle/environment.js";
import { buildConnectorPackage } from "../../scripts/bundle/package.js";
import { writePackageAtomically } from "../../scripts/bundle/write.js";
import { projectLayout } from "../../scripts/project.js";
import { createLocalHost } from "../../scripts/serve/host.js";
import { connectorRequest, policyHeaders, readConnectorPackage, type ActionCall, type Connection, type ConnectorPackage } from "./connector-runtime.js";
import { startTestIssuer, type TestIssuer } from "./harness.js";

const FUNCTION_KEY = "local-host-key-0123456789abcdefghij";

/** Per-environment values for `conduit bundle`; the function key travels with the connection, not the package. */
function bundleValues(issuer: TestIssuer): Record<string, string> {
  return {
    CONDUIT_HOST: "conduit-e2e.azurewebsites.net",
    CONDUIT_TENANT_ID: issuer.state.tenantId,
    CONDUIT_CLIENT_ID: "1c2d3e4f-1111-4b2c-8d3e-4f5a6b7c8d9e",
    CONDUIT_SCOPE: `api://${issuer.state.clientId}/user_impersonation`,
    CONDUIT_CLIENT_SECRET: "unused-in-this-test",
    CONDUIT_FUNCTION_KEY: "unused-with-a-connection-key",
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("end to end: connector runtime → local host → adapter → auth → handler", () => {
  let issuer: TestIssuer;
  let pkg: ConnectorPackage;
  let server: Server;
  let origin: string;
  let bundleDir: string;
  const seen: (Caller | undefined)[] = [];
  const logs: string[] = [];

  before(async () => {
    issuer = await startTestIssuer();
    bundleDir = await mkdtemp(path.join(os.tmpdir(), "conduit-e2e-"));
    const built = await buildConnectorPackage({ layout: projectLayout(), environment: fixedEnvironment(bundleValues(issuer), "e2e"), includeSecrets: false });
    await writePackageAtomically(path.join(bundleDir, "connector"), built.files);
    pkg = await readConnectorPackage(path.join(bundleDir, "connector"));

    const recording = (status: number) => async (_request: unknown, context: HandlerContext) => {
      seen.push(context.caller);
      // The contract gives error answers a Problem body; the adapter holds the handler to it.
      return status >= 400 ? { status, body: problem(status) } : { status };
    };
    const bindings: OperationBinding[] = [
      { operation: operations.GetWorkOrder, validators: validators.GetWorkOrder, handler: recording(404) },
      { operation: operations.DeleteWorkOrder, validators: validators.DeleteWorkOrder, handler: recording(204) },
      { operation: operations.CreateWorkOrder, validators: validators.CreateWorkOrder, handler: recording(400) },
    ];
    const registrations = registerOperations(() => {}, bindings, {
      maxBodyBytes: 1024 * 1024,
      responseValidation: "enforce",
      authorizer: issuer.guard(),
    });
    server = createLocalHost({ registrations, routePrefix: "api", functionKey: FUNCTION_KEY, maxBodyBytes: 1024 * 1024, log: (line) => logs.push(line) });
    origin = await listen(server);
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await issuer.stop();
    await rm(bundleDir, { recursive: true, force: true });
  });

  async function call(connection: Connection, action: ActionCall): Promise<{ response: Response; ran: boolean; caller: Caller | undefined }> {
    const before = seen.length;
    const outgoing = connectorRequest(pkg, origin, connection, action);
    const response = await fetch(outgoing.url, { method: outgoing.method, headers: outgoing.headers, ...(outgoing.body ? { body: outgoing.body } : {}) });
    return { response, ran: seen.length > before, caller: seen[before] };
  }

  const getWorkOrder: ActionCall = { operationId: "GetWorkOrder", path: { workOrderId: "wo-1001" } };
  const withKey = (accessToken?: string): Connection => ({ ...(accessToken ? { accessToken } : {}), parameters: { "token:functionKey": FUNCTION_KEY } });

  test("the bundled package's policy sends x-functions-key", () => {
    assert.deepEqual(policyHeaders(pkg), ["x-functions-key"]);
  });

  test("the user's token and the key: the handler sees that user", async () => {
    const token = await issuer.mint({ user: "ana.lopez@contoso.com" });
    const { response, ran, caller } = await call(withKey(token), getWorkOrder);
    assert.equal(response.status, 404);
    assert.ok(ran, "the handler ran");
    assert.equal(caller?.name, "Ana Lopez");
    assert.equal(caller?.userPrincipalName, "ana.lopez@contoso.com");
    assert.equal(caller?.tenantId, issuer.state.tenantId);
    assert.deepEqual(caller?.scopes, ["user_impersonation"]);
    assert.equal(caller?.source, "token");
  });

  test("two users through the same connector: each call is its own user's", async () => {
    const ana = await call(withKey(await issuer.mint({ user: "ana" })), getWorkOrder);
    const ben = await call(withKey(await issuer.mint({ user: "ben" })), { operationId: "DeleteWorkOrder", path: { workOrderId: "wo-1" } });
    assert.equal(ben.response.status, 204);
    assert.equal(ana.caller?.name, "Ana");
    assert.equal(ben.caller?.name, "Ben");
    assert.notEqual(ana.caller?.objectId, ben.caller?.objectId);
  });

  test("the key without a token: 401 with a Bearer challenge, handler not run", async () => {
    const { response, ran } = await call(withKey(), getWorkOrder);
    assert.equal(response.status, 401);
    assert.equal(response.headers.get("www-authenticate"), "Bearer");
    assert.equal(response.headers.get("content-type"), "application/problem+json");
    assert.equal(ran, false);
  });

  test("the token without the key: the host refuses it (401), handler not run", async () => {
    const token = await issuer.mint();
    const outgoing = connectorRequest(pkg, origin, withKey(token), getWorkOrder);
    outgoing.headers.delete("x-functions-key");
    const before = seen.length;
    const response = await fetch(outgoing.url, { headers: outgoing.headers });
    assert.equal(response.status, 401);
    assert.equal(seen.length, before);
  });

  test("auth comes before the body: an anonymous caller learns nothing from validation", async () => {
    const { response, ran } = await call(withKey(), { operationId: "CreateWorkOrder", body: { nonsense: true } });
    assert.equal(response.status, 401);
    assert.equal(ran, false);
  });

  test("bad tokens over HTTP: 401 invalid_token or 403 insufficient_scope, never 500, never the handler", async () => {
    const rogue = { ...issuer.key, kid: "unknown-kid" };
    const expired = await issuer.mint({ issuedAt: Math.floor(Date.now() / 1000) - 7200 });
    const otherAudience = await issuer.mint({ audience: "https://graph.microsoft.com" });
    const valid = await issuer.mint();
    const [h, p, s] = valid.split(".");
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p ?? "", "base64url").toString()), name: "Mallory" })).toString("base64url")}.${s}`;
    const noneAlg = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${p}.`;
    const cases: [string, string, number][] = [
      ["expired", expired, 401],
      ["wrong audience", otherAudience, 401],
      ["tampered payload", tampered, 401],
      ["alg none", noneAlg, 401],
      ["unknown key id", await issuer.mint({}, rogue), 401],
      ["not a JWT", "abc.def", 401],
      ["oversize", `${"a".repeat(13_000)}.b.c`, 401],
      ["missing scope", await issuer.mint({ scopes: ["Files.Read"] }), 403],
    ];
    for (const [label, token, status] of cases) {
      const { response, ran } = await call(withKey(token), getWorkOrder);
      assert.equal(response.status, status, label);
      assert.equal(ran, false, `${label}: the handler did not run`);
      const challenge = response.headers.get("www-authenticate") ?? "";
      assert.match(challenge, status === 401 ? /error="invalid_token"/ : /error="insufficient_scope", .*scope="user_impersonation"/, label);
      const body = (await response.json()) as { status?: number };
      assert.equal(body.status, status, label);
    }
    assert.ok(logs.some((line) => line.includes("refused: expired")), "the reason is logged on the server");
    assert.ok(!logs.some((line) => line.includes(valid)), "the token is never logged");
  });
});
