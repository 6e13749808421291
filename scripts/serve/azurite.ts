import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

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
}

export interface AzuriteHandle {
  readonly port: number;
  readonly location: string;
  /** An `AzureWebJobsStorage` value that points the function app at this Azurite. */
  readonly connectionString: string;
  stop(): Promise<void>;
}

export function azuriteConnectionString(port: number, host = "127.0.0.1"): string {
  return `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};TableEndpoint=http://${host}:${port}/${ACCOUNT};`;
}

/** Starts Azurite's Table service on 127.0.0.1 (the azurite npm package, run with this Node). */
export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteHandle> {
  const ownLocation = options.location === undefined;
  const location = options.location ?? (await mkdtemp(path.join(os.tmpdir(), "conduit-azurite-")));
  // 0 means any free port, as for a server; Azurite itself would pick one the connection string could not name.
  const port = options.port === undefined || options.port === 0 ? await freePort() : options.port;
  const child = spawn(
    process.execPath,
    [
      azuriteTableMain(),
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
    await waitForStart(child, options.startTimeoutMs ?? 20_000);
  } catch (error) {
    child.kill("SIGKILL");
    if (ownLocation) await rm(location, { recursive: true, force: true });
    throw error;
  }
  // If this process ends without stop() (a crash, process.exit), Azurite must not outlive it, nor its data.
  const onExit = (): void => {
    child.kill("SIGKILL");
    if (ownLocation) rmSync(location, { recursive: true, force: true });
  };
  process.once("exit", onExit);
  let stopped: Promise<void> | undefined;
  return {
    port,
    location,
    connectionString: azuriteConnectionString(port),
    stop: () =>
      (stopped ??= (async () => {
        process.off("exit", onExit);
        await terminate(child);
        if (ownLocation) await rm(location, { recursive: true, force: true });
      })()),
  };
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
