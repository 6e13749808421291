import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import type { Command } from "../cli.js";
import { UserError } from "../diagnostics.js";
import { displayPath, projectLayout, readRoutePrefix } from "../project.js";
import { isProduction, readRuntimeSettings, SettingsError } from "../../src/runtime/settings.js";
import { APP_ENTRY, inProcessApp, type AppStage, type BannerRoute, type BannerTimer } from "./app.js";
import { AzuritePortInUseError, startAzurite, type AzuriteEvent, type AzuriteHandle } from "./azurite.js";
import { azuriteStateFile, endStaleAzurite } from "./azurite-state.js";
import { prepareLocalAuth, type LocalAuth } from "../issuer/serve-hook.js";
import { applyToEnvironment, FUNCTION_KEY_SETTING, loadLocalSettings } from "./local-settings.js";
import { removeServeRecord, removeServeRecordSync, writeServeRecord } from "./record.js";
import { seedDevelopmentData } from "./seed.js";
import { settingOrigins, withSettingOrigins } from "./setting-origins.js";

const HELP = `Usage: conduit serve [options]

Runs the function app on loopback as \`func start\` would: every operation registered with app.http, under the
route prefix from host.json, behind the function key from local.settings.json (made on first run).

Options:
  --port N        port to listen on (default 7071, as func start)
  --host ADDR     loopback address to listen on (default 127.0.0.1)
  --no-azurite    do not start Azurite; use AzureWebJobsStorage as set
  --azurite-port N  Azurite's Table port (default 10002 as UseDevelopmentStorage=true expects, else a free one)
  --no-issuer     do not start the local token issuer; use the CONDUIT_AUTH_* settings as set
  --issuer-port N the local issuer's port (default: the one in .conduit/local-issuer.json, 7072; 0 a free one)
  --mock          answer every operation from its response examples (no handler runs, no storage)
  -h, --help      show this help
`;

const DEV_STORAGE = "UseDevelopmentStorage=true";
/** The Table port UseDevelopmentStorage=true expects. */
const DEV_STORAGE_PORT = 10002;
const SHUTDOWN_GRACE_MS = 2_000;

/** The flags `conduit serve` takes; `conduit dev` takes the same. */
export const SERVE_ARGS = {
  port: { type: "string", default: "7071" },
  host: { type: "string", default: "127.0.0.1" },
  "no-azurite": { type: "boolean", default: false },
  "azurite-port": { type: "string" },
  "no-issuer": { type: "boolean", default: false },
  "issuer-port": { type: "string" },
  mock: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly azurite: boolean;
  readonly azuritePort?: number;
  readonly issuer: boolean;
  readonly issuerPort?: number;
  readonly mock: boolean;
}

type ServeValues = ReturnType<typeof parseArgs<{ options: typeof SERVE_ARGS; strict: true }>>["values"];

export function readServeOptions(values: ServeValues): ServeOptions {
  const host = values.host;
  if (!isLoopback(host)) throw new UserError(`--host ${host}: the local host only listens on loopback (127.0.0.1, ::1 or localhost)`);
  return {
    port: parsePort(values.port, "--port"),
    host,
    azurite: !values["no-azurite"],
    ...(values["azurite-port"] ? { azuritePort: parsePort(values["azurite-port"], "--azurite-port") } : {}),
    issuer: !values["no-issuer"],
    ...(values["issuer-port"] ? { issuerPort: parsePort(values["issuer-port"], "--issuer-port") } : {}),
    mock: values.mock,
  };
}

export const serveCommand: Command = {
  summary: "run the function app on 127.0.0.1 with Azurite, as `func start` would",
  help: HELP,
  async run(args) {
    const { values } = parseArgs({ args, options: SERVE_ARGS, strict: true, allowPositionals: false });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    const options = readServeOptions(values);
    const layout = projectLayout();
    // The mock loads ajv and the spec tools; plain serve does not pay for them.
    return runServe(options, options.mock ? (await import("./mock.js")).mockApp(layout.spec) : inProcessApp());
  },
};

/**
 * Everything `conduit serve` does around the app: local settings, Azurite, the local issuer, the listening port,
 * the banner, the record that `conduit token` and `conduit try` read, and a clean stop. `app` decides what
 * answers: the built function app in this process, the spec's examples (--mock), or a reloading child (dev).
 */
export async function runServe(options: ServeOptions, app: AppStage): Promise<number> {
  // Before any child starts: a Ctrl+C during start-up must stop what has started (Azurite), not leave it behind.
  const signals = trapStopSignals();
  try {
    return await serveUntilStopped(options, app, signals);
  } catch (error) {
    if (error instanceof StopRequested) {
      process.stdout.write(`\n${error.message}\n`);
      return 0;
    }
    throw error;
  } finally {
    signals.dispose();
  }
}

async function serveUntilStopped(options: ServeOptions, app: AppStage, signals: StopSignals): Promise<number> {
  const { port, host } = options;
  const layout = projectLayout();
  await app.prepare?.();
  signals.check();
  // Before Azurite and the issuer start: a taken port is the commonest reason serve cannot run; say it at once.
  await ensurePortFree(port, host);

  const settings = await loadLocalSettings(layout.localSettings);
  if (settings.created) process.stdout.write(`Created ${displayPath(settings.file)} (git-ignored) with a new function key.\n`);
  const origins = settingOrigins(settings);
  applyToEnvironment(settings.values);
  // An environment variable wins over local.settings.json, so an empty one would silently turn the key off.
  if ((process.env[FUNCTION_KEY_SETTING] ?? "").trim() === "") {
    throw new UserError(
      `${FUNCTION_KEY_SETTING} is set but empty in the environment: every caller would pass the key check. Unset it to use the key in ${displayPath(settings.file)}, or set a long random value`,
    );
  }
  // As `func start` does: the app runs as in development (loopback webhook callbacks, strict response checks),
  // in every stage (dev's workers inherit it).
  process.env["AZURE_FUNCTIONS_ENVIRONMENT"] ??= "Development";
  const routePrefix = await readRoutePrefix(layout.hostJson);

  // A serve killed without a chance to stop (SIGKILL) leaves its Azurite running: end it before anything else.
  const stateFile = azuriteStateFile(layout.root);
  for (const note of await endStaleAzurite(stateFile)) process.stdout.write(`${note}\n`);

  let localAuth: LocalAuth | undefined;
  let started: Awaited<ReturnType<AppStage["start"]>> | undefined;
  let azurite: AzuriteHandle | undefined;
  const stopAll = async (): Promise<void> => {
    await started?.stop();
    await localAuth?.stop();
    await azurite?.stop();
  };
  try {
    let giveUp: (reason: string) => void = () => undefined;
    const azuriteGaveUp = new Promise<string>((resolve) => (giveUp = resolve));
    if (options.azurite && app.storage) {
      const storage = process.env["AzureWebJobsStorage"];
      if (storage !== undefined && storage !== DEV_STORAGE && !storage.includes("127.0.0.1") && !storage.includes("localhost")) {
        process.stdout.write("AzureWebJobsStorage points at a real storage account; not starting Azurite.\n");
      } else {
        const preferred = options.azuritePort === undefined ? await preferredAzuritePort() : undefined;
        if (options.azuritePort === undefined && preferred === undefined) {
          process.stdout.write(`Port ${DEV_STORAGE_PORT} (the emulator's usual one) is in use by another program; Azurite takes a free port instead, and AzureWebJobsStorage names it.\n`);
        }
        try {
          azurite = await startAzurite({ port: options.azuritePort ?? preferred ?? 0, stateFile, supervise: { onEvent: (event) => reportAzurite(event, giveUp) } });
        } catch (error) {
          if (error instanceof AzuritePortInUseError) throw new UserError(`${error.message}: stop it, or pass another --azurite-port (0 for any free one)`);
          throw error;
        }
        process.env["AzureWebJobsStorage"] = azurite.connectionString;
      }
    }

    signals.check();
    let runtime;
    try {
      runtime = readRuntimeSettings();
    } catch (error) {
      if (error instanceof SettingsError) throw new UserError(error.message);
      throw error;
    }
    // Unless local.settings.json sets CONDUIT_AUTH_*, tokens come from the local issuer, checked as in Azure.
    localAuth = await prepareLocalAuth({
      root: layout.root,
      env: process.env,
      disabled: !options.issuer,
      ...(options.issuerPort === undefined ? {} : { port: options.issuerPort }),
    });
    const functionKey = process.env[FUNCTION_KEY_SETTING] ?? "";
    signals.check();
    // Only into the Azurite this run started (fresh, temporary): never into an account someone configured.
    // A start whose spec does not load cannot seed: dev tries again at the first save that generates.
    let seeded = false;
    const seedStorage =
      azurite !== undefined && !isProduction(process.env)
        ? async (): Promise<string | undefined> => {
            if (seeded) return undefined;
            try {
              const note = await seedDevelopmentData(APP_ENTRY, displayPath(layout.spec));
              seeded = true;
              return note;
            } catch (error) {
              if (!(error instanceof UserError)) throw error;
              return `Not seeding development data (src/seed.ts): ${error.message}`;
            }
          }
        : undefined;
    started = await app.start({ layout, routePrefix, functionKey, maxBodyBytes: runtime.maxBodyBytes, ...(seedStorage ? { seedStorage } : {}) });
    signals.check();
    const seedNote = await seedStorage?.();
    if (seedNote !== undefined) process.stdout.write(`${seedNote}\n`);
    const server = started.server;
    signals.check();
    await listen(server, port, host);
    signals.check();
    const address = server.address() as AddressInfo;
    const base = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
    const root = routePrefix ? `${base}/${routePrefix}` : base;
    await writeServeRecord(layout.root, { mode: app.mode, url: root, ...(localAuth.issuer ? { issuer: localAuth.issuer } : {}) });
    const dropRecord = (): void => removeServeRecordSync(layout.root);
    process.once("exit", dropRecord);
    const storageLine = azurite
      ? `Azurite Table service on 127.0.0.1:${azurite.port} (temporary data, removed on exit)`
      : app.storage
        ? "Storage: AzureWebJobsStorage as set"
        : "Storage: none (no handler runs)";
    // Before the banner, whose last line tells a script that serve is ready: dev's watcher is armed by then.
    started.listening?.(root);
    printBanner(base, routePrefix, started.routes, started.timers ?? [], functionKey, storageLine, localAuth, started.notes);

    const code = await new Promise<number>((resolve) => {
      let stopping = false;
      const shutdown = (why: string, exitCode: number): void => {
        if (stopping) {
          // A second Ctrl+C: do not wait for requests in flight.
          server.closeAllConnections();
          return;
        }
        stopping = true;
        process.stdout.write(`\n${why}\n`);
        // Requests in flight get a moment to finish (they may be writing to storage); idle keep-alives go now.
        server.close(() => resolve(exitCode));
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
      };
      signals.onStop((why) => shutdown(why, 0));
      void azuriteGaveUp.then((reason) => shutdown(`${reason}; stopping. Start serve again, or run with --no-azurite and your own storage.`, 1));
    });
    await removeServeRecord(layout.root);
    process.off("exit", dropRecord);
    return code;
  } catch (error) {
    // A setting's bad value is fixed where it came from: say where, for each setting the message names.
    throw error instanceof UserError ? withSettingOrigins(error, origins) : error;
  } finally {
    await stopAll();
  }
}

/** A stop asked for (Ctrl+C, SIGTERM, SIGHUP) before serve listened: start-up ends and what started stops. */
class StopRequested extends Error {}

interface StopSignals {
  /** Throws StopRequested when a stop signal came during start-up. */
  check(): void;
  /** Once listening: each signal (one that came before too) calls `stop`. */
  onStop(stop: (why: string) => void): void;
  dispose(): void;
}

function trapStopSignals(): StopSignals {
  let requested: string | undefined;
  let listener: ((why: string) => void) | undefined;
  const handlers = (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((signal) => {
    // SIGHUP (the terminal closed) as SIGTERM: node's default would end the process without stopping Azurite.
    const handler = (): void => {
      requested = `${signal}: stopping`;
      listener?.(requested);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return {
    check() {
      if (requested !== undefined) throw new StopRequested(requested);
    },
    onStop(stop) {
      listener = stop;
      if (requested !== undefined) stop(requested);
    },
    dispose() {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    },
  };
}

function printBanner(
  base: string,
  prefix: string,
  routes: readonly BannerRoute[],
  timers: readonly BannerTimer[],
  key: string,
  storageLine: string,
  auth: LocalAuth,
  notes: readonly string[],
): void {
  const root = prefix ? `${base}/${prefix}` : base;
  const rows = routes.map((r) => ({ method: r.method, route: `/${prefix ? `${prefix}/` : ""}${r.route}`, name: r.name }));
  const width = Math.max(0, ...rows.map((r) => r.method.length));
  const routeWidth = Math.max(0, ...rows.map((r) => r.route.length));
  const first = routes.find((r) => r.method === "GET" && !r.route.includes("{"));
  const example = first ? `${root}/${first.route}` : root;
  const lines = [
    "",
    `Function app listening on ${root}`,
    ...rows.map((r) => `  ${r.method.padEnd(width)}  ${r.route.padEnd(routeWidth)}  ${r.name}`),
    ...timers.map((t) => `  ${"TIMER".padEnd(width)}  ${`every ${t.everyMs / 1000} s`.padEnd(routeWidth)}  ${t.name}`),
    "",
    `Function key (${FUNCTION_KEY_SETTING} in local.settings.json): ${key}`,
    storageLine,
    ...auth.banner,
    ...notes,
    "",
    "Try:",
    `  curl -s -H "x-functions-key: ${key}"${auth.curlAuth ? ` ${auth.curlAuth}` : ""} ${example}`,
    "",
    "Press Ctrl+C to stop.",
    "",
  ];
  process.stdout.write(lines.join("\n"));
}

async function ensurePortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  const { createServer } = await import("node:net");
  const probe = createServer();
  await listen(probe, port, host);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

function listen(server: import("node:net").Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") reject(new UserError(`port ${port} on ${host} is already in use: stop what runs there or pass --port`));
      else reject(error);
    });
    server.listen(port, host, () => resolve());
  });
}

/** What serve says about its Azurite while it runs; a restart that cannot help any more stops serve. */
function reportAzurite(event: AzuriteEvent, giveUp: (reason: string) => void): void {
  switch (event.kind) {
    case "exited":
      process.stdout.write(`Azurite (pid ${event.pid}) exited unexpectedly (${event.how}); restarting it on port ${event.port} with the same data (changes of the last few seconds may be lost).\n`);
      return;
    case "restarted":
      process.stdout.write(`Azurite is back on 127.0.0.1:${event.port} (pid ${event.pid}).\n`);
      return;
    case "gave-up":
      giveUp(event.reason);
  }
}

async function preferredAzuritePort(): Promise<number | undefined> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(undefined));
    probe.listen(DEV_STORAGE_PORT, "127.0.0.1", () => probe.close(() => resolve(DEV_STORAGE_PORT)));
  });
}

function parsePort(raw: string, flag: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`${flag} ${raw}: expected a port number from 0 to 65535`);
  return port;
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}
