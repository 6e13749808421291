import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Command } from "../cli.js";
import { UserError } from "../diagnostics.js";
import { displayPath, projectLayout, readRoutePrefix } from "../project.js";
import type { HttpRegistration } from "../../src/runtime/register.js";
import { isProduction, readRuntimeSettings, SettingsError } from "../../src/runtime/settings.js";
import { AzuritePortInUseError, startAzurite, type AzuriteEvent, type AzuriteHandle } from "./azurite.js";
import { azuriteStateFile, endStaleAzurite } from "./azurite-state.js";
import { authStartupError, prepareLocalAuth, type LocalAuth } from "../issuer/serve-hook.js";
import { createLocalHost } from "./host.js";
import { applyToEnvironment, FUNCTION_KEY_SETTING, loadLocalSettings } from "./local-settings.js";
import { seedTechniciansFromSpec } from "./seed.js";

const HELP = `Usage: conduit serve [options]

Runs the function app on loopback as \`func start\` would: every operation registered with app.http, under the
route prefix from host.json, behind the function key from local.settings.json (made on first run).

Options:
  --port N        port to listen on (default 7071, as func start)
  --host ADDR     loopback address to listen on (default 127.0.0.1)
  --no-azurite    do not start Azurite; use AzureWebJobsStorage as set
  --azurite-port N  Azurite's Table port (default 10002 as UseDevelopmentStorage=true expects, else a free one)
  --no-issuer     do not start the local token issuer; use the CONDUIT_AUTH_* settings as set
  --issuer-port N the local issuer's port (default: the one in .conduit/local-issuer.json, 7072)
  -h, --help      show this help
`;

const DEV_STORAGE = "UseDevelopmentStorage=true";
/** The Table port UseDevelopmentStorage=true expects. */
const DEV_STORAGE_PORT = 10002;
const SHUTDOWN_GRACE_MS = 2_000;

export const serveCommand: Command = {
  summary: "run the function app on 127.0.0.1 with Azurite, as `func start` would",
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: "string", default: "7071" },
        host: { type: "string", default: "127.0.0.1" },
        "no-azurite": { type: "boolean", default: false },
        "azurite-port": { type: "string" },
        "no-issuer": { type: "boolean", default: false },
        "issuer-port": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    const port = parsePort(values.port, "--port");
    const host = values.host;
    if (!isLoopback(host)) throw new UserError(`--host ${host}: the local host only listens on loopback (127.0.0.1, ::1 or localhost)`);

    const layout = projectLayout();
    const entry = fileURLToPath(new URL("../../src/index.js", import.meta.url));
    if (!existsSync(entry)) throw new UserError("the function app is not built: run `npm run build` (npm start does it for you)");
    // Before Azurite and the issuer start: a taken port is the commonest reason serve cannot run; say it at once.
    await ensurePortFree(port, host);

    const settings = await loadLocalSettings(layout.localSettings);
    if (settings.created) process.stdout.write(`Created ${displayPath(settings.file)} (git-ignored) with a new function key.\n`);
    applyToEnvironment(settings.values);
    // An environment variable wins over local.settings.json, so an empty one would silently turn the key off.
    if ((process.env[FUNCTION_KEY_SETTING] ?? "").trim() === "") {
      throw new UserError(
        `${FUNCTION_KEY_SETTING} is set but empty in the environment: every caller would pass the key check. Unset it to use the key in ${displayPath(settings.file)}, or set a long random value`,
      );
    }
    const routePrefix = await readRoutePrefix(layout.hostJson);

    // A serve killed without a chance to stop (SIGKILL) leaves its Azurite running: end it before anything else.
    const stateFile = azuriteStateFile(layout.root);
    for (const note of await endStaleAzurite(stateFile)) process.stdout.write(`${note}\n`);

    let giveUp: (reason: string) => void = () => undefined;
    const azuriteGaveUp = new Promise<string>((resolve) => (giveUp = resolve));
    let azurite: AzuriteHandle | undefined;
    if (!values["no-azurite"]) {
      const storage = process.env["AzureWebJobsStorage"];
      if (storage !== undefined && storage !== DEV_STORAGE && !storage.includes("127.0.0.1") && !storage.includes("localhost")) {
        process.stdout.write("AzureWebJobsStorage points at a real storage account; not starting Azurite.\n");
      } else {
        const explicit = values["azurite-port"] ? parsePort(values["azurite-port"], "--azurite-port") : undefined;
        const preferred = explicit === undefined ? await preferredAzuritePort() : undefined;
        if (explicit === undefined && preferred === undefined) {
          process.stdout.write(`Port ${DEV_STORAGE_PORT} (the emulator's usual one) is in use by another program; Azurite takes a free port instead, and AzureWebJobsStorage names it.\n`);
        }
        try {
          azurite = await startAzurite({ port: explicit ?? preferred ?? 0, stateFile, supervise: { onEvent: (event) => reportAzurite(event, giveUp) } });
        } catch (error) {
          if (error instanceof AzuritePortInUseError) throw new UserError(`${error.message}: stop it, or pass another --azurite-port (0 for any free one)`);
          throw error;
        }
        process.env["AzureWebJobsStorage"] = azurite.connectionString;
      }
    }

    let localAuth: LocalAuth | undefined;
    const stopAll = async (): Promise<void> => {
      await localAuth?.stop();
      await azurite?.stop();
    };
    try {
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
        disabled: values["no-issuer"],
        ...(values["issuer-port"] ? { port: parsePort(values["issuer-port"], "--issuer-port") } : {}),
      });
      const app = await importQuietly(entry).catch((error: unknown) => {
        throw authStartupError(error) ?? buildError(error) ?? error;
      });
      // Only into the Azurite this run started (fresh, temporary): never into an account someone configured.
      if (azurite !== undefined && !isProduction(process.env)) {
        try {
          const seeded = await seedTechniciansFromSpec(layout.spec);
          if (seeded > 0) process.stdout.write(`Seeded ${seeded} technicians from the spec's ListTechnicians example (development only).\n`);
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          process.stdout.write(`Not seeding technicians: ${error.message}\n`);
        }
      }
      const server = createLocalHost({
        registrations: app.registrations,
        routePrefix,
        functionKey: process.env[FUNCTION_KEY_SETTING] ?? "",
        maxBodyBytes: runtime.maxBodyBytes,
      });
      await listen(server, port, host);
      const address = server.address() as AddressInfo;
      const base = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
      printBanner(base, routePrefix, app.registrations, process.env[FUNCTION_KEY_SETTING] ?? "", azurite, localAuth);

      return await new Promise<number>((resolve) => {
        let stopping = false;
        const shutdown = (why: string, code: number): void => {
          if (stopping) {
            // A second Ctrl+C: do not wait for requests in flight.
            server.closeAllConnections();
            return;
          }
          stopping = true;
          process.stdout.write(`\n${why}\n`);
          // Requests in flight get a moment to finish (they may be writing to storage); idle keep-alives go now.
          server.close(() => resolve(code));
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
        };
        // SIGHUP (the terminal closed) as SIGTERM: node's default would end the process without stopping Azurite.
        for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => shutdown(`${signal}: stopping`, 0));
        void azuriteGaveUp.then((reason) => shutdown(`${reason}; stopping. Start serve again, or run with --no-azurite and your own storage.`, 1));
      });
    } finally {
      await stopAll();
    }
  },
};

/**
 * Outside the Functions host @azure/functions switches to test mode and warns once per app.http call; this host
 * serves those registrations itself, so one line says so instead of a screenful of warnings.
 */
async function importQuietly(entry: string): Promise<{ registrations: readonly HttpRegistration[] }> {
  const warn = console.warn;
  let testMode = false;
  console.warn = (...args: unknown[]) => {
    const text = String(args[0] ?? "");
    if (text.includes("@azure/functions") && text.includes("test mode")) {
      testMode = true;
      return;
    }
    warn(...args);
  };
  try {
    return (await import(entry)) as { registrations: readonly HttpRegistration[] };
  } finally {
    console.warn = warn;
    if (testMode) process.stdout.write("@azure/functions is in test mode outside the Functions host; conduit serve hosts its registrations.\n");
  }
}

function printBanner(
  base: string,
  prefix: string,
  registrations: readonly HttpRegistration[],
  key: string,
  azurite: AzuriteHandle | undefined,
  auth: LocalAuth,
): void {
  const root = prefix ? `${base}/${prefix}` : base;
  const rows = registrations.map((r) => ({ method: (r.options.methods ?? ["GET"]).join(","), route: `/${prefix ? `${prefix}/` : ""}${r.options.route ?? r.name}`, name: r.name }));
  const width = Math.max(...rows.map((r) => r.method.length));
  const routeWidth = Math.max(...rows.map((r) => r.route.length));
  const first = registrations.find((r) => (r.options.methods ?? []).includes("GET") && !(r.options.route ?? "").includes("{"));
  const example = first ? `${root}/${first.options.route ?? first.name}` : root;
  const lines = [
    "",
    `Function app listening on ${root}`,
    ...rows.map((r) => `  ${r.method.padEnd(width)}  ${r.route.padEnd(routeWidth)}  ${r.name}`),
    "",
    `Function key (${FUNCTION_KEY_SETTING} in local.settings.json): ${key}`,
    azurite ? `Azurite Table service on 127.0.0.1:${azurite.port} (temporary data, removed on exit)` : "Storage: AzureWebJobsStorage as set",
    ...auth.banner,
    "",
    "Try:",
    `  curl -s -H "x-functions-key: ${key}"${auth.curlAuth ? ` ${auth.curlAuth}` : ""} ${example}`,
    "",
    "Press Ctrl+C to stop.",
    "",
  ];
  process.stdout.write(lines.join("\n"));
}

/** The app was built, but something it imports was not: generated/ missing, or a build older than the spec. */
function buildError(error: unknown): UserError | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== "ERR_MODULE_NOT_FOUND" || typeof message !== "string") return undefined;
  const missing = /Cannot find module '([^']+)'/.exec(message)?.[1] ?? "a module";
  if (/[\\/]generated[\\/]/.test(missing)) {
    return new UserError(`the function app is not generated: ${missing} is missing. Run \`npm run generate\` and \`npm run build\` (npm start does both)`);
  }
  return new UserError(`the function app's build is incomplete: ${missing} is missing. Run \`npm run generate\` and \`npm run build\` (npm start does both)`);
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
