/**
 * `conduit serve` and its Azurite across the ways a run ends or breaks, with real processes and real signals:
 * SIGKILL (nothing of serve runs), SIGHUP (a closed terminal), Azurite dying under a running serve, and a port
 * that something else holds.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { TableServiceClient } from "@azure/data-tables";
import { azuriteConnectionString, freePort } from "../../scripts/serve/azurite.js";
import { isRunning } from "../../scripts/temp-files.js";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";
import { portOpen } from "./child.js";

const CLI = fileURLToPath(new URL("../../scripts/cli.js", import.meta.url));
const REPO = process.cwd();
const STATE = path.join(".conduit", "azurite.json");

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("CONDUIT_") && name !== "AzureWebJobsStorage" && name !== "NODE_ENV" && name !== "AZURE_FUNCTIONS_ENVIRONMENT") env[name] = value;
  }
  return { ...env, CONDUIT_AUTH_MODE: "off" };
}

async function project(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "conduit-lifecycle-"));
  await writeFile(path.join(root, "host.json"), await readFile(path.join(REPO, "host.json")));
  await mkdir(path.join(root, "spec"));
  await writeFile(path.join(root, "spec", "apiDefinition.swagger.yaml"), await readFile(path.join(SAMPLE_FIXTURE, "apiDefinition.swagger.yaml")));
  return root;
}

interface Serve {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  output(): string;
  /** Resolves when the output matches, rejects if serve exits first or it takes too long. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}

const spawned: ChildProcess[] = [];

/** After each test: whatever it started and did not stop (a failed assertion midway), serve and Azurite alike. */
async function cleanUp(root: string): Promise<void> {
  for (const child of spawned.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  const state = await azuriteState(root).catch(() => undefined);
  if (state !== undefined) {
    if (alive(state.pid)) process.kill(state.pid, "SIGKILL");
    await rm(state.location, { recursive: true, force: true });
  }
  await rm(root, { recursive: true, force: true });
}

function serve(root: string, args: string[]): Serve {
  const script = `const { main } = await import(${JSON.stringify(new URL(`file://${CLI}`).href)}); process.exitCode = await main(${JSON.stringify(["serve", "--port", "0", ...args])});`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: root, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
  spawned.push(child);
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let ended = false;
  void exited.then(() => (ended = true));
  return {
    child,
    exited,
    output: () => text,
    async waitFor(pattern, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(text);
        if (match !== null) return match;
        if (ended) throw new Error(`serve exited before printing ${pattern}:\n${text}`);
        if (Date.now() > until) throw new Error(`serve did not print ${pattern} within ${timeoutMs} ms:\n${text}`);
        await sleep(50);
      }
    },
  };
}

/** Running, not merely not yet reaped (an orphan's exit may take its new parent a moment to collect). */
function alive(pid: number): boolean {
  return isRunning(pid);
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** What serve recorded about its Azurite (.conduit/azurite.json). */
async function azuriteState(root: string): Promise<{ pid: number; port: number; location: string }> {
  return JSON.parse(await readFile(path.join(root, STATE), "utf8")) as { pid: number; port: number; location: string };
}

const READY = /Press Ctrl\+C to stop\./;

describe("conduit serve and its Azurite, however a run ends", () => {
  test("after a SIGKILL of serve, the next serve on the same port ends the Azurite it left and starts clean", async () => {
    const root = await project();
    const port = await freePort();
    let stalePid: number | undefined;
    try {
      const first = serve(root, ["--azurite-port", String(port)]);
      await first.waitFor(READY);
      const stale = await azuriteState(root);
      stalePid = stale.pid;
      first.child.kill("SIGKILL");
      await first.exited;
      assert.ok(alive(stale.pid) && (await portOpen(port)), "nothing of serve ran: its Azurite is still there");
      assert.ok(existsSync(stale.location));

      const second = serve(root, ["--azurite-port", String(port)]);
      await second.waitFor(READY);
      assert.match(second.output(), new RegExp(`Stopped Azurite \\(pid ${stale.pid}, port ${port}\\), left running by a conduit serve that did not stop; removed its temporary data`));
      assert.doesNotMatch(second.output(), /internal error|\n\s+at /);
      assert.equal(alive(stale.pid), false, "the stale Azurite is gone");
      assert.equal(existsSync(stale.location), false, "and its data");
      const fresh = await azuriteState(root);
      assert.notEqual(fresh.pid, stale.pid);
      assert.equal(fresh.port, port);

      second.child.kill("SIGINT");
      assert.equal(await second.exited, 0, second.output());
      assert.equal(await portOpen(port), false);
      assert.equal(existsSync(path.join(root, STATE)), false, "a clean stop leaves no state");
    } finally {
      if (stalePid !== undefined && alive(stalePid)) process.kill(stalePid, "SIGKILL");
      await cleanUp(root);
    }
  });

  test("Ctrl+C during start-up (Azurite up, the app not yet listening) stops Azurite too: no process, port or data left", async () => {
    const root = await project();
    const run = serve(root, ["--azurite-port", "0"]);
    try {
      // The state file is written once Azurite listens, before the issuer, the app and the port: start-up's middle.
      await until(() => existsSync(path.join(root, STATE)), "Azurite to start");
      const { pid, port, location } = await azuriteState(root);
      run.child.kill("SIGINT");
      assert.equal(await run.exited, 0, run.output());
      assert.match(run.output(), /SIGINT: stopping/);
      assert.doesNotMatch(run.output(), /internal error|\n\s+at /);
      await until(() => !alive(pid), "Azurite to end");
      assert.equal(await portOpen(port), false);
      assert.equal(existsSync(location), false, "its temporary data is removed");
      assert.equal(existsSync(path.join(root, STATE)), false);
    } finally {
      await cleanUp(root);
    }
  });

  test("SIGHUP stops serve as SIGTERM does: Azurite, its data and the state go with it", async () => {
    const root = await project();
    const run = serve(root, ["--azurite-port", "0"]);
    try {
      await run.waitFor(READY);
      const { pid, port, location } = await azuriteState(root);
      run.child.kill("SIGHUP");
      assert.equal(await run.exited, 0, run.output());
      assert.match(run.output(), /SIGHUP: stopping/);
      assert.doesNotMatch(run.output(), /WARNING|test mode/, "no @azure/functions test-mode warnings or notes at start");
      await until(() => !alive(pid), "Azurite to end");
      assert.equal(await portOpen(port), false);
      assert.equal(existsSync(location), false);
      assert.equal(existsSync(path.join(root, STATE)), false);
    } finally {
      await cleanUp(root);
    }
  });

  test("an Azurite port that another program holds: exit 2 saying so, no stack trace", async () => {
    const root = await project();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    try {
      const port = (blocker.address() as net.AddressInfo).port;
      const run = serve(root, ["--azurite-port", String(port)]);
      assert.equal(await run.exited, 2, run.output());
      assert.match(run.output(), new RegExp(`conduit: Azurite's port ${port} on 127\\.0\\.0\\.1 is in use by another program: stop it, or pass another --azurite-port \\(0 for any free one\\)`));
      assert.doesNotMatch(run.output(), /internal error|\n\s+at /);
    } finally {
      blocker.close();
      await cleanUp(root);
    }
  });

  test("Azurite dying under a running serve is reported at once and restarted on its port; requests work again", async () => {
    const root = await project();
    const run = serve(root, ["--azurite-port", "0"]);
    try {
      await run.waitFor(READY);
      const { pid, port } = await azuriteState(root);
      // Storage requests as the app makes them, through the connection string serve gives it (not through an
      // operation of the project's app: a team's own app may have none that reads a table).
      const tables = async (): Promise<string[]> => {
        const service = TableServiceClient.fromConnectionString(azuriteConnectionString(port), { allowInsecureConnection: true });
        const names: string[] = [];
        for await (const table of service.listTables()) names.push(table.name ?? "");
        return names;
      };
      await tables();
      process.kill(pid, "SIGKILL");
      await run.waitFor(new RegExp(`Azurite \\(pid ${pid}\\) exited unexpectedly \\(SIGKILL\\); restarting it on port ${port}`));
      await run.waitFor(new RegExp(`Azurite is back on 127\\.0\\.0\\.1:${port} \\(pid \\d+\\)`));
      assert.ok(Array.isArray(await tables()), "the restarted Azurite answers");
      const { pid: restarted } = await azuriteState(root);
      assert.notEqual(restarted, pid);
      run.child.kill("SIGTERM");
      assert.equal(await run.exited, 0, run.output());
      await until(() => !alive(restarted), "the restarted Azurite to end");
    } finally {
      await cleanUp(root);
    }
  });

  test("an Azurite that keeps dying: serve stops with exit 1 and says why", async () => {
    const root = await project();
    const run = serve(root, ["--azurite-port", "0"]);
    try {
      await run.waitFor(READY);
      for (let i = 0; i < 10 && run.child.exitCode === null; i++) {
        const { pid } = await azuriteState(root).catch(() => ({ pid: 0 }));
        if (pid > 0 && alive(pid)) process.kill(pid, "SIGKILL");
        await sleep(300);
        await until(async () => run.child.exitCode !== null || ((await azuriteState(root).catch(() => ({ pid }))).pid !== pid), "a restart or the end", 30_000).catch(() => undefined);
      }
      assert.equal(await run.exited, 1, run.output());
      assert.match(run.output(), /Azurite exited \d+ times within a minute; stopping\. Start serve again, or run with --no-azurite and your own storage/);
      assert.doesNotMatch(run.output(), /internal error|\n\s+at /);
    } finally {
      await cleanUp(root);
    }
  });
});
