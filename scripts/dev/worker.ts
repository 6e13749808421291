/**
 * One generation of the app under `conduit dev`: a child process that loads the built function app (or the mock)
 * as `conduit serve` does, hosts it on a free loopback port and tells the parent over IPC. The parent keeps
 * Azurite, the issuer and the user's port; a reload is a new worker, so no module of the old app lingers.
 */
import type { AddressInfo } from "node:net";
import { formatLocation, UserError } from "../diagnostics.js";
import { APP_ENTRY, bannerRoutes, importApp } from "../serve/app.js";
import { createLocalHost } from "../serve/host.js";
import { WORKER_CONFIG, type WorkerConfig, type WorkerMessage } from "./protocol.js";

const GRACE_MS = 2_000;

async function main(): Promise<void> {
  const config = JSON.parse(process.env[WORKER_CONFIG] ?? "{}") as WorkerConfig;
  let registrations;
  try {
    if (config.mode === "mock") {
      const { loadMockApi, mockRegistrations } = await import("../serve/mock.js");
      registrations = mockRegistrations(await loadMockApi(config.spec));
    } else {
      registrations = (await importApp(APP_ENTRY, { note: false })).registrations;
    }
  } catch (error) {
    send({ type: "failed", message: describe(error) });
    process.exit(1);
  }
  const server = createLocalHost({ registrations, routePrefix: config.routePrefix, functionKey: config.functionKey, maxBodyBytes: config.maxBodyBytes });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // Requests in flight finish; the parent already sends new ones to the next worker.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), GRACE_MS).unref();
  };
  process.on("message", (message: { type?: string }) => message.type === "stop" && stop());
  process.on("disconnect", stop);
  process.on("SIGTERM", stop);
  process.on("SIGINT", () => {}); // Ctrl+C reaches the whole group: the parent decides when this worker stops.
  send({ type: "ready", port: (server.address() as AddressInfo).port, routes: bannerRoutes(registrations) });
}

function send(message: WorkerMessage): void {
  process.send?.(message);
}

/** A user's mistake with its file:line:col; anything else with the first frames of its (source-mapped) stack. */
function describe(error: unknown): string {
  if (error instanceof UserError) {
    return [error.message, ...error.diagnostics.map((d) => `  ${formatLocation(d.source, d.range)}  ${d.message}`)].join("\n");
  }
  if (error instanceof Error) {
    const frames = (error.stack ?? "").split("\n").slice(1).filter((line) => !/node:internal|node_modules/.test(line)).slice(0, 4);
    return [`${error.name}: ${error.message}`, ...frames].join("\n");
  }
  return String(error);
}

await main();
