/**
 * `conduit serve` and `conduit token` as a developer runs them: serve stands up the local issuer and the function
 * app validates its tokens with the code that runs in Azure; the app refuses to start on unusable auth settings.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { issuerStatePath, loadOrCreateIssuerState } from "../../scripts/issuer/state.js";

const run = promisify(execFile);
const CLI = new URL("../../scripts/cli.js", import.meta.url).href;
const ENTRY = new URL("../../src/index.js", import.meta.url).href;

/** The environment without any auth or storage setting of the machine running the tests. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("CONDUIT_") && name !== "AzureWebJobsStorage" && name !== "WEBSITE_AUTH_ENABLED") env[name] = value;
  }
  return { ...env, ...extra };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function conduit(cwd: string, args: readonly string[], env = cleanEnv()): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = `const { main } = await import(${JSON.stringify(CLI)}); process.exitCode = await main(${JSON.stringify(args)});`;
  try {
    const { stdout, stderr } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("conduit serve with the local issuer", () => {
  test("serve starts the issuer; a conduit token passes auth, none gets 401, a missing scope 403", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "conduit-serve-auth-"));
    await writeFile(path.join(root, "host.json"), await readFile(path.resolve(process.cwd(), "host.json")));
    // The issuer's port is the project's (tokens name it in iss); pick a free one as a first run would keep it.
    await loadOrCreateIssuerState(root);
    const stateFile = issuerStatePath(root);
    const state = JSON.parse(await readFile(stateFile, "utf8")) as Record<string, unknown>;
    await writeFile(stateFile, JSON.stringify({ ...state, port: await freePort() }));

    const script = `const { main } = await import(${JSON.stringify(CLI)}); process.exitCode = await main(["serve", "--no-azurite", "--port", "0"]);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: root, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const base = await new Promise<string>((resolve, reject) => {
        const check = (): void => {
          const match = /Function app listening on (\S+)/.exec(output);
          if (match?.[1] && output.includes("Auth: ")) resolve(match[1]);
        };
        child.stdout.on("data", check);
        void exited.then((code) => reject(new Error(`serve exited (${code}):\n${output}`)));
      });
      assert.match(output, /Auth: bearer tokens from the local issuer http:\/\/127\.0\.0\.1:\d+\//);
      const key = (JSON.parse(await readFile(path.join(root, "local.settings.json"), "utf8")) as { Values: Record<string, string> }).Values["CONDUIT_FUNCTION_KEY"] ?? "";
      const token = (await conduit(root, ["token", "--user", "ana"])).stdout.trim();
      const narrow = (await conduit(root, ["token", "--user", "ana", "--scope", "Files.Read"])).stdout.trim();

      const get = (headers: Record<string, string>) => fetch(`${base}/workorders/wo-1`, { headers: { "x-functions-key": key, ...headers } });
      const anonymous = await get({});
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.headers.get("www-authenticate"), "Bearer");
      const forbidden = await get({ authorization: `Bearer ${narrow}` });
      assert.equal(forbidden.status, 403);
      assert.match(forbidden.headers.get("www-authenticate") ?? "", /insufficient_scope/);
      const passed = await get({ authorization: `Bearer ${token}` });
      assert.ok(![401, 403].includes(passed.status), `a valid token passes auth (got ${passed.status}: ${await passed.text()})`);
      assert.match(output, /refused: no bearer token/);
    } finally {
      child.kill("SIGTERM");
      await exited;
      await rm(root, { recursive: true, force: true });
    }
  });

  test("--issuer-port moves the issuer, and the banner's own token command signs for it (any port works)", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "conduit-serve-auth-"));
    await writeFile(path.join(root, "host.json"), await readFile(path.resolve(process.cwd(), "host.json")));
    // The state file keeps one port; serve is told to use another (0: whatever is free).
    await loadOrCreateIssuerState(root);
    const script = `const { main } = await import(${JSON.stringify(CLI)}); process.exitCode = await main(["serve", "--no-azurite", "--port", "0", "--issuer-port", "0"]);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: root, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", () => output.includes("Press Ctrl+C to stop.") && resolve());
        void exited.then((code) => reject(new Error(`serve exited (${code}):\n${output}`)));
      });
      const issuerPort = Number(/local issuer http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1]);
      const state = await loadOrCreateIssuerState(root);
      assert.notEqual(issuerPort, state.port, "the issuer runs on another port than the state file's");
      // The banner's token command, run as printed: node on the bin, no npx.
      const command = /a token: {2}(node \S+ token --user ana)\n/.exec(output)?.[1];
      assert.ok(command, output);
      const [, bin = ""] = command.split(" ");
      const { stdout: token } = await run(process.execPath, [path.resolve(root, bin), "token", "--user", "ana"], { cwd: root, env: cleanEnv() });
      const base = /Function app listening on (\S+)/.exec(output)?.[1] ?? "";
      const key = (JSON.parse(await readFile(path.join(root, "local.settings.json"), "utf8")) as { Values: Record<string, string> }).Values["CONDUIT_FUNCTION_KEY"] ?? "";
      const response = await fetch(`${base}/workorders/wo-1`, { headers: { "x-functions-key": key, authorization: `Bearer ${token.trim()}` } });
      assert.ok(![401, 403].includes(response.status), `the token passes auth (got ${response.status}: ${response.headers.get("www-authenticate")})`);
      // A token for the port the state file names is refused, and the challenge says why.
      const stale = await loadOrCreateIssuerState(root).then(async (s) => {
        const { mintToken } = await import("../../scripts/issuer/mint.js");
        const { signingKey } = await import("../../scripts/issuer/state.js");
        return mintToken(await signingKey(s), { user: "ana", scopes: ["user_impersonation"], issuer: `http://127.0.0.1:${s.port}/${s.tenantId}/v2.0`, audience: s.clientId, tenantId: s.tenantId });
      });
      const refused = await fetch(`${base}/workorders/wo-1`, { headers: { "x-functions-key": key, authorization: `Bearer ${stale}` } });
      assert.equal(refused.status, 401);
      assert.match(refused.headers.get("www-authenticate") ?? "", /error_description="The access token is from another issuer"/);
    } finally {
      child.kill("SIGTERM");
      await exited;
      await rm(root, { recursive: true, force: true });
    }
  });

  test("serve with auth settings that cannot work stops with the settings to fix, no stack trace", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "conduit-serve-auth-"));
    try {
      const result = await conduit(root, ["serve", "--no-azurite", "--port", "0"], cleanEnv({ CONDUIT_AUTH_MODE: "validate", CONDUIT_AUTH_TENANT_ID: "common" }));
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /CONDUIT_AUTH_TENANT_ID: "common" is not a tenant id/);
      assert.match(result.stderr, /CONDUIT_AUTH_AUDIENCES is not set/);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test("the function app entry itself refuses to load without auth settings (as in Azure, where no serve helps)", async () => {
    const script = `await import(${JSON.stringify(ENTRY)});`;
    const result = await run(process.execPath, ["--input-type=module", "-e", script], { env: cleanEnv() }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code?: number; stderr?: string }) => ({ code: error.code ?? -1, stderr: error.stderr ?? "" }),
    );
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /AuthConfigError: the auth settings are not usable/);
    assert.match(result.stderr, /CONDUIT_AUTH_TENANT_ID is not set/);
  });
});
