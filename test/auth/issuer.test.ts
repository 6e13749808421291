import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { decodeJwt } from "jose";
import { createAuthGuard } from "../../src/auth/guard.js";
import { resolveAuthConfig } from "../../src/auth/config.js";
import { UserError } from "../../scripts/diagnostics.js";
import { hasOwnAuthSettings, startLocalIssuer } from "../../scripts/issuer/local.js";
import { displayName, stableGuid } from "../../scripts/issuer/mint.js";
import { issuerStatePath, loadOrCreateIssuerState } from "../../scripts/issuer/state.js";
import { specScopes } from "../../scripts/token/spec-scopes.js";
import { bearer, request, SECURED } from "./harness.js";

const run = promisify(execFile);
const CLI = fileURLToPath(new URL("../../scripts/cli.js", import.meta.url));

/** Runs the real CLI in a project folder, as `conduit token ...` would. */
async function conduit(cwd: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = `const { main } = await import(${JSON.stringify(new URL(`file://${CLI}`).href)}); process.exitCode = await main(${JSON.stringify(args)});`;
  try {
    const { stdout, stderr } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function project(): Promise<{ root: string; dispose(): Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), "conduit-issuer-"));
  return { root, dispose: () => rm(root, { recursive: true, force: true }) };
}

/** Pins the project's issuer to a free port, as a user's earlier `conduit serve` would have. */
async function withPort(root: string): Promise<number> {
  await loadOrCreateIssuerState(root);
  const file = issuerStatePath(root);
  const port = await freePort();
  const state = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  await writeFile(file, JSON.stringify({ ...state, port }));
  return port;
}

describe("the local issuer", () => {
  test("its state is created once, private to the user, and the same for concurrent first uses", async () => {
    const { root, dispose } = await project();
    try {
      const [a, b] = await Promise.all([loadOrCreateIssuerState(root), loadOrCreateIssuerState(root)]);
      assert.deepEqual(a, b);
      assert.deepEqual(await loadOrCreateIssuerState(root), a);
      assert.equal((await stat(issuerStatePath(root))).mode & 0o777, 0o600);
      assert.match(a.tenantId, /^[0-9a-f-]{36}$/);
      assert.notEqual(a.tenantId, a.clientId);
    } finally {
      await dispose();
    }
  });

  test("a corrupt state file is a user error that says how to recover", async () => {
    const { root, dispose } = await project();
    try {
      await loadOrCreateIssuerState(root);
      await writeFile(issuerStatePath(root), "{ not json");
      await assert.rejects(loadOrCreateIssuerState(root), (error: unknown) => error instanceof UserError && /delete it/.test(error.message));
    } finally {
      await dispose();
    }
  });

  test("publishes Entra's paths: the v2.0 discovery document and its JWKS, public key members only", async () => {
    const { root, dispose } = await project();
    const issuer = await startLocalIssuer({ root, port: 0 });
    try {
      const { tenantId } = issuer.state;
      assert.equal(issuer.server.metadataUrl, `${issuer.server.origin}/${tenantId}/v2.0/.well-known/openid-configuration`);
      const metadata = (await (await fetch(issuer.server.metadataUrl)).json()) as Record<string, unknown>;
      assert.equal(metadata["issuer"], `${issuer.server.origin}/${tenantId}/v2.0`);
      assert.equal(metadata["jwks_uri"], `${issuer.server.origin}/${tenantId}/discovery/v2.0/keys`);
      assert.deepEqual(metadata["id_token_signing_alg_values_supported"], ["RS256"]);
      const jwks = (await (await fetch(String(metadata["jwks_uri"]))).json()) as { keys: Record<string, unknown>[] };
      assert.equal(jwks.keys.length, 1);
      assert.deepEqual(Object.keys(jwks.keys[0] ?? {}).sort(), ["alg", "e", "kid", "kty", "n", "use"]);
      assert.equal((await fetch(`${issuer.server.origin}/common/v2.0/.well-known/openid-configuration`)).status, 404);
      assert.equal((await fetch(issuer.server.metadataUrl, { method: "POST" })).status, 405);
      assert.deepEqual(Object.keys(issuer.settings).sort(), ["CONDUIT_AUTH_AUDIENCES", "CONDUIT_AUTH_METADATA_URL", "CONDUIT_AUTH_MODE", "CONDUIT_AUTH_TENANT_ID"]);
    } finally {
      await issuer.stop();
      await dispose();
    }
  });

  test("a port in use is a user error naming --issuer-port", async () => {
    const { root, dispose } = await project();
    const first = await startLocalIssuer({ root, port: 0 });
    try {
      await assert.rejects(startLocalIssuer({ root, port: first.server.port }), (error: unknown) => error instanceof UserError && /--issuer-port/.test(error.message));
    } finally {
      await first.stop();
      await dispose();
    }
  });

  test("conduit token prints a v2 token that the app accepts, and it still works after the issuer restarts", async () => {
    const { root, dispose } = await project();
    try {
      const port = await withPort(root);
      const printed = await conduit(root, ["token", "--user", "ana.lopez", "--scope", "user_impersonation", "--scope", "Files.Read WorkOrders.Read"]);
      assert.equal(printed.code, 0, printed.stderr);
      const token = printed.stdout.trim();
      const claims = decodeJwt(token);
      const state = await loadOrCreateIssuerState(root);
      assert.equal(claims.iss, `http://127.0.0.1:${port}/${state.tenantId}/v2.0`);
      assert.equal(claims.aud, state.clientId);
      assert.equal(claims["tid"], state.tenantId);
      assert.equal(claims["name"], "Ana Lopez");
      assert.equal(claims["preferred_username"], "ana.lopez@conduit.localhost");
      assert.equal(claims["scp"], "user_impersonation Files.Read WorkOrders.Read");
      assert.equal(claims["ver"], "2.0");
      assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 3600);

      for (let round = 0; round < 2; round += 1) {
        const issuer = await startLocalIssuer({ root });
        try {
          const guard = createAuthGuard(resolveAuthConfig(issuer.settings));
          const outcome = await guard.authorize(request(bearer(token)), SECURED);
          assert.equal(outcome.ok, true, outcome.ok ? "" : outcome.log);
          if (outcome.ok) assert.equal(outcome.caller?.name, "Ana Lopez");
        } finally {
          await issuer.stop();
        }
      }
    } finally {
      await dispose();
    }
  });

  test("conduit token without --scope asks for the spec's scopes; full scope names are shortened as Entra does", async () => {
    const { root, dispose } = await project();
    try {
      // The project's own generated operations say which scopes: the sample's user_impersonation, or a team's.
      const scopes = await specScopes();
      const byDefault = await conduit(root, ["token", "--user", "ben@contoso.com", "--lifetime", "5"]);
      if (scopes.length === 0) {
        assert.equal(byDefault.code, 2);
        assert.match(byDefault.stderr, /no scope given and the spec asks for none: pass --scope SCOPE/);
      } else {
        assert.equal(byDefault.code, 0, byDefault.stderr);
        const claims = decodeJwt(byDefault.stdout.trim());
        assert.equal(claims["scp"], scopes.map((s) => s.replace(/^api:\/\/[^/]+\//, "")).join(" "));
        assert.equal(claims["preferred_username"], "ben@contoso.com");
        assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 300);
      }
      const state = await loadOrCreateIssuerState(root);
      const full = await conduit(root, ["token", "--user", "ben", "--scope", `api://${state.clientId}/user_impersonation`, "--role", "WorkOrders.Admin"]);
      const fullClaims = decodeJwt(full.stdout.trim());
      assert.equal(fullClaims["scp"], "user_impersonation");
      assert.deepEqual(fullClaims["roles"], ["WorkOrders.Admin"]);
    } finally {
      await dispose();
    }
  });

  test("conduit token --url signs for the issuer of the app named; with several running it says which it chose", async () => {
    const { root, dispose } = await project();
    try {
      const state = await loadOrCreateIssuerState(root);
      // Two apps as two serves record them (this test process stands in for both: a live pid is what counts).
      const app = (port: number, issuerPort: number) => ({
        version: 1,
        pid: process.pid,
        mode: "serve",
        url: `http://127.0.0.1:${port}/api`,
        issuer: { issuer: `http://127.0.0.1:${issuerPort}/${state.tenantId}/v2.0`, tenantId: state.tenantId },
        startedAt: new Date().toISOString(),
      });
      await mkdir(path.join(root, ".conduit"), { recursive: true });
      await writeFile(path.join(root, ".conduit", "serve.json"), JSON.stringify({ version: 2, apps: [app(7301, 7401), app(7302, 7402)] }));
      const args = ["token", "--user", "ana", "--scope", "user_impersonation"];

      const first = await conduit(root, [...args, "--url", "http://localhost:7301/api/"]);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(decodeJwt(first.stdout.trim()).iss, `http://127.0.0.1:7401/${state.tenantId}/v2.0`);
      assert.equal(first.stderr, "", "the app was chosen: nothing to say");

      const latest = await conduit(root, args);
      assert.equal(latest.code, 0, latest.stderr);
      assert.equal(decodeJwt(latest.stdout.trim()).iss, `http://127.0.0.1:7402/${state.tenantId}/v2.0`);
      assert.match(latest.stderr, /2 apps are running here; this token is for http:\/\/127\.0\.0\.1:7302\/api, the one started last\. For another, pass --url:\n  http:\/\/127\.0\.0\.1:7301\/api/);

      const elsewhere = await conduit(root, [...args, "--url", "http://127.0.0.1:7399/api"]);
      assert.equal(elsewhere.code, 2);
      assert.equal(elsewhere.stdout, "");
      assert.match(elsewhere.stderr, /--url http:\/\/127\.0\.0\.1:7399\/api: no app that conduit serve or dev runs in this project answers there \(running here:\n  http:\/\/127\.0\.0\.1:7301\/api/);
    } finally {
      await dispose();
    }
  });

  test("conduit token refuses bad usage with a message and exit code 2", async () => {
    const { root, dispose } = await project();
    try {
      for (const [args, message] of [
        [["token"], /--user NAME is required/],
        [["token", "--user", "ana", "--lifetime", "0"], /--lifetime 0: give whole minutes/],
        [["token", "--user", "ana smith"], /without spaces/],
        [["token", "--user", "ana", "extra"], /no positional arguments/],
        [["token", "--frobnicate"], /Unknown option/],
      ] as const) {
        const result = await conduit(root, args);
        assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
        assert.match(result.stderr, message);
        assert.equal(result.stdout, "");
        assert.doesNotMatch(result.stderr, /at .*\.js:\d+/, "no stack trace");
      }
    } finally {
      await dispose();
    }
  });

  test("user names become display names and stable object ids", () => {
    assert.equal(displayName("ana.lopez@contoso.com"), "Ana Lopez");
    assert.equal(displayName("ben"), "Ben");
    assert.equal(stableGuid("x"), stableGuid("x"));
    assert.notEqual(stableGuid("x"), stableGuid("y"));
    assert.match(stableGuid("x"), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test("settings the user chose are left alone", () => {
    assert.equal(hasOwnAuthSettings({}), false);
    assert.equal(hasOwnAuthSettings({ CONDUIT_AUTH_MODE: " " }), false);
    assert.equal(hasOwnAuthSettings({ CONDUIT_AUTH_MODE: "off" }), true);
    assert.equal(hasOwnAuthSettings({ CONDUIT_AUTH_TENANT_ID: "72f988bf-86f1-41af-91ab-2d7cd011db47" }), true);
  });
});
