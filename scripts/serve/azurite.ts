import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { removeAzuriteState, writeAzuriteState } from "./azurite-state.js";

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
const ACCOUNT = "devstoreaccount1";
const ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface AzuriteOptions {
  /** Where Azurite keeps its data; a fresh temporary folder (removed on stop) when absent. */
  readonly location?: string;
  /** Table service port; a free one when absent. */
  readonly port?: number;
  /** How long to wait for Azurite to say it started. */
  readonly startTimeoutMs?: number;
  /**
   * Where to record the running Azurite (pid, port, data) while it runs (`conduit serve`: .conduit/azurite.json),
   * so that a serve killed without stopping it can be cleaned up after; removed on stop.
   */
  readonly stateFile?: string;
  /**
   * Watch the process: when it exits without stop(), report it and start it again on the same port with the same
   * data, up to `maxRestarts` times a minute; after that, report that it gave up.
   */
  readonly supervise?: { readonly onEvent: (event: AzuriteEvent) => void; readonly maxRestarts?: number };
}

export type AzuriteEvent =
  | { readonly kind: "exited"; readonly pid: number; readonly port: number; readonly how: string }
  | { readonly kind: "restarted"; readonly pid: number; readonly port: number }
  | { readonly kind: "gave-up"; readonly reason: string };

export interface AzuriteHandle {
  readonly port: number;
  readonly location: string;
  /** An `AzureWebJobsStorage` value that points the function app at this Azurite. */
  readonly connectionString: string;
  /** The process id of the Azurite running now. */
  readonly pid: () => number;
  stop(): Promise<void>;
}

/** The Table port is taken by another program (EADDRINUSE). */
export class AzuritePortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Azurite's port ${port} on 127.0.0.1 is in use by another program`);
    this.name = "AzuritePortInUseError";
  }
}

export function azuriteConnectionString(port: number, host = "127.0.0.1"): string {
  return `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};TableEndpoint=http://${host}:${port}/${ACCOUNT};`;
}

const RESTART_WINDOW_MS = 60_000;
const DEFAULT_MAX_RESTARTS = 3;

/** Starts Azurite's Table service on 127.0.0.1 (the azurite npm package, run with this Node). */
export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteHandle> {
  const ownLocation = options.location === undefined;
  const location = options.location ?? (await mkdtemp(path.join(os.tmpdir(), "conduit-azurite-")));
  // 0 means any free port, as for a server; Azurite itself would pick one the connection string could not name.
  const port = options.port === undefined || options.port === 0 ? await freePort() : options.port;
  const main = azuriteTableMain();
  const timeoutMs = options.startTimeoutMs ?? 20_000;
  let child: ChildProcess;
  try {
    if (!(await isPortFree(port))) throw new AzuritePortInUseError(port);
    child = await spawnAzurite(main, location, port, timeoutMs);
  } catch (error) {
    if (ownLocation) await rm(location, { recursive: true, force: true });
    throw error;
  }
  const record = async (): Promise<void> => {
    if (options.stateFile !== undefined) await writeAzuriteState(options.stateFile, { pid: child.pid ?? 0, port, location, temporary: ownLocation, main });
  };
  await record();

  let stopping = false;
  // If this process ends without stop() (a crash, process.exit), Azurite must not outlive it, nor its data.
  const onExit = (): void => {
    child.kill("SIGKILL");
    if (ownLocation) rmSync(location, { recursive: true, force: true });
    if (options.stateFile !== undefined) rmSync(options.stateFile, { force: true });
  };
  process.once("exit", onExit);

  const supervise = options.supervise;
  const exits: number[] = [];
  const watch = (running: ChildProcess): void => {
    running.once("exit", (code, signal) => {
      if (stopping || supervise === undefined) return;
      const pid = running.pid ?? 0;
      supervise.onEvent({ kind: "exited", pid, port, how: signal ?? `code ${code}` });
      const now = Date.now();
      exits.push(now);
      while (exits.length > 0 && (exits[0] ?? now) < now - RESTART_WINDOW_MS) exits.shift();
      if (exits.length > (supervise.maxRestarts ?? DEFAULT_MAX_RESTARTS)) {
        supervise.onEvent({ kind: "gave-up", reason: `Azurite exited ${exits.length} times within a minute` });
        return;
      }
      spawnAzurite(main, location, port, timeoutMs).then(
        async (next) => {
          if (stopping) {
            await terminate(next);
            return;
          }
          child = next;
          await record();
          watch(next);
          supervise.onEvent({ kind: "restarted", pid: next.pid ?? 0, port });
        },
        (error: unknown) => supervise.onEvent({ kind: "gave-up", reason: `Azurite could not be started again: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` }),
      );
    });
  };
  watch(child);

  let stopped: Promise<void> | undefined;
  return {
    port,
    location,
    connectionString: azuriteConnectionString(port),
    pid: () => child.pid ?? 0,
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        process.off("exit", onExit);
        await terminate(child);
        if (ownLocation) await rm(location, { recursive: true, force: true });
        if (options.stateFile !== undefined) await removeAzuriteState(options.stateFile);
      })()),
  };
}

async function spawnAzurite(main: string, location: string, port: number, timeoutMs: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      main,
      "--location", location,
      "--tableHost", "127.0.0.1",
      "--tablePort", String(port),
      "--silent",
      "--disableTelemetry",
      // @azure/data-tables may speak a newer service version than this Azurite knows; the API is the same.
      "--skipApiVersionCheck",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  try {
    await waitForStart(child, timeoutMs);
  } catch (error) {
    child.kill("SIGKILL");
    // Another program took the port between the check and the start.
    if (error instanceof Error && error.message.includes("EADDRINUSE")) throw new AzuritePortInUseError(port);
    throw error;
  }
  return child;
}

function azuriteTableMain(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("azurite/package.json");
  const { bin } = require("azurite/package.json") as { bin: Record<string, string> };
  const main = bin["azurite-table"];
  if (main === undefined) throw new Error("the azurite package has no azurite-table bin");
  return path.join(path.dirname(manifest), main);
}

function waitForStart(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes("successfully started")) done();
    };
    const onExit = (code: number | null): void => fail(new Error(`Azurite exited (code ${code}) before it started:\n${output}`));
    function cleanup(): void {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
      // Keep draining Azurite's output so a full pipe never blocks it.
      child.stdout?.resume();
      child.stderr?.resume();
    }
    function done(): void {
      cleanup();
      resolve();
    }
    function fail(error: Error): void {
      cleanup();
      reject(error);
    }
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
  });
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** A port the OS says is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
