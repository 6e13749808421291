/**
 * One generation of the app under `conduit dev`: a child process that loads the built function app (or the mock)
 * as `conduit serve` does, hosts it on a free loopback port and tells the parent over IPC. The parent keeps
 * Azurite, the issuer and the user's port; a reload is a new worker, so no module of the old app lingers. The
 * app's timers (the webhook outbox drain) run here once the parent says this is the only worker; on stop, the
 * worker finishes its requests, then its deliveries in flight, and hands the rest back to the outbox.
 */
import type { AddressInfo } from "node:net";
import { formatLocation, UserError } from "../diagnostics.js";
import { APP_ENTRY, bannerRoutes, bannerTimers, importApp, STOP_GRACE_MS, stopApp, type LoadedApp } from "../serve/app.js";
import { createLocalHost } from "../serve/host.js";
import { startTimers, type RunningTimers } from "../serve/timers.js";
import { WORKER_CONFIG, type ParentMessage, type WorkerConfig, type WorkerMessage } from "./protocol.js";

/** Requests in flight get this long to finish; then the app's own stop (STOP_GRACE_MS). */
const REQUEST_GRACE_MS = 2_000;

async function main(): Promise<void> {
  const config = JSON.parse(process.env[WORKER_CONFIG] ?? "{}") as WorkerConfig;
  let app: LoadedApp;
  let notes: readonly string[] = [];
  try {
    if (config.mode === "mock") {
      const { loadMockApi, mockNotes, mockRegistrations } = await import("../serve/mock.js");
      const api = await loadMockApi(config.spec);
      app = { registrations: mockRegistrations(api) };
      notes = mockNotes(api, config.spec).slice(1);
    } else {
      app = await importApp(APP_ENTRY);
    }
  } catch (error) {
    send({ type: "failed", message: describe(error) });
    process.exit(1);
  }
  const server = createLocalHost({ registrations: app.registrations, routePrefix: config.routePrefix, functionKey: config.functionKey, maxBodyBytes: config.maxBodyBytes });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  let timers: RunningTimers | undefined;
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    timers?.pause();
    // Requests in flight finish (they may notify); the parent already sends new ones to the next worker.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const cut = setTimeout(() => server.closeAllConnections(), REQUEST_GRACE_MS);
    void closed
      .then(() => {
        clearTimeout(cut);
        return stopApp(app, timers);
      })
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), REQUEST_GRACE_MS + STOP_GRACE_MS + 500).unref();
  };
  process.on("message", (message: ParentMessage) => {
    if (message.type === "stop") stop();
    else if (message.type === "timers" && !stopping && timers === undefined) {
      timers = startTimers(app.timers ?? [], (line) => process.stdout.write(`${line}\n`));
    }
  });
  process.on("disconnect", stop);
  process.on("SIGTERM", stop);
  process.on("SIGINT", () => {}); // Ctrl+C reaches the whole group: the parent decides when this worker stops.
  send({ type: "ready", port: (server.address() as AddressInfo).port, routes: bannerRoutes(app.registrations), timers: bannerTimers(app.timers), notes });
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
