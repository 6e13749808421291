import path from "node:path";
/**
 * What answers behind `conduit serve`: an app stage loads something that listens (the built function app in this
 * process, the spec's examples, or dev's reloading child) once settings, Azurite and the issuer are in place.
 */
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { fileURLToPath, pathToFileURL } from "node:url";
import { UserError } from "../diagnostics.js";
import type { ProjectLayout } from "../project.js";
import type { HttpRegistration } from "../../src/runtime/register.js";
import { SettingsError } from "../../src/runtime/settings.js";
import type { TimerRegistration } from "../../src/webhooks/register.js";
import { authStartupError } from "../issuer/serve-hook.js";
import { userCodeError } from "./user-code-error.js";
import { createLocalHost } from "./host.js";
import type { ServeMode } from "./record.js";
import { startTimers, type RunningTimers } from "./timers.js";

export interface AppContext {
  readonly layout: ProjectLayout;
  /** host.json's route prefix. */
  readonly routePrefix: string;
  readonly functionKey: string;
  readonly maxBodyBytes: number;
  /**
   * Seeds the Azurite this run started from the spec's examples, until that once works (a spec that did not load
   * at start is tried again by dev's next generate): what it did, or undefined when there is nothing to do.
   */
  readonly seedStorage?: () => Promise<string | undefined>;
}

/** One row of the banner's route list. */
export interface BannerRoute {
  readonly method: string;
  /** Without the route prefix: `workorders/{workOrderId}`. */
  readonly route: string;
  readonly name: string;
}

/** One timer function of the banner: `TIMER  every 60 s  ConduitWebhookOutbox`. */
export interface BannerTimer {
  readonly name: string;
  readonly everyMs: number;
}

export interface StartedApp {
  /** Not listening yet: serve listens on the port the user chose. */
  readonly server: Server;
  readonly routes: readonly BannerRoute[];
  /** The app's timer functions, which the stage runs once it listens. */
  readonly timers?: readonly BannerTimer[];
  /** Lines the banner adds: what this stage does differently. */
  readonly notes: readonly string[];
  /** Called once the server listens at `root` (the URL with the route prefix). */
  listening?(root: string): void;
  stop(): Promise<void>;
}

export interface AppStage {
  readonly mode: ServeMode;
  /** False when nothing the app does needs storage (the mock): serve then starts no Azurite. */
  readonly storage: boolean;
  /** Checks made before any port or process is taken (a missing build is said at once). */
  prepare?(): Promise<void>;
  start(context: AppContext): Promise<StartedApp>;
}

/** The function app's compiled entry, beside this module in dist/. */
export const APP_ENTRY = fileURLToPath(new URL("../../src/index.js", import.meta.url));

/** `conduit serve`: the built function app (dist/src/index.js), hosted in this process. */
export function inProcessApp(entry: string = APP_ENTRY): AppStage {
  return {
    mode: "serve",
    storage: true,
    async prepare() {
      if (!existsSync(entry)) throw new UserError("the function app is not built: run `npm run build` (npm start does it for you)");
    },
    async start(context) {
      const app = await importApp(entry);
      let timers: RunningTimers | undefined;
      return {
        ...hostRegistrations(app.registrations, context, []),
        timers: bannerTimers(app.timers),
        // Timers start once the app answers: a drain at start may post to callbacks that call the app back.
        listening: () => {
          timers = startTimers(app.timers ?? [], (line) => process.stdout.write(`${line}\n`));
        },
        stop: () => stopApp(app, timers),
      };
    },
  };
}

/** What the function app's entry (src/index.ts) exports for a host outside Azure. */
export interface LoadedApp {
  readonly registrations: readonly HttpRegistration[];
  /** Its `app.timer` registrations (the webhook outbox drain), which a local host runs itself. */
  readonly timers?: readonly TimerRegistration[];
  /** What the Functions host runs on a graceful stop (`app.hook.appTerminate`): deliveries in flight finish. */
  readonly terminate?: () => Promise<void>;
}

/** How long a stopping app gives its timers and deliveries in flight before it goes anyway. */
export const STOP_GRACE_MS = 2_000;

/**
 * A graceful stop, as the Functions host makes one: no timer starts again, deliveries in flight get their answer
 * and retries waiting in this process go back to the outbox (terminate), then a timer run in progress finishes.
 * All of it within the grace period: what is cut off stays leased in the outbox for the next drain.
 */
export async function stopApp(app: LoadedApp, timers: RunningTimers | undefined, graceMs: number = STOP_GRACE_MS): Promise<void> {
  const deadline = Date.now() + graceMs;
  timers?.pause();
  await app.terminate?.().catch((error: unknown) => process.stdout.write(`  [error] stopping the app: ${error instanceof Error ? error.message : String(error)}\n`));
  await timers?.stop(Math.max(0, deadline - Date.now()));
}

export function bannerTimers(timers: readonly TimerRegistration[] | undefined): BannerTimer[] {
  return (timers ?? []).map((t) => ({ name: t.name, everyMs: t.everyMs }));
}

/** A local host for registrations, with the banner's rows. */
export function hostRegistrations(registrations: readonly HttpRegistration[], context: AppContext, notes: readonly string[]): StartedApp {
  const server = createLocalHost({ registrations, routePrefix: context.routePrefix, functionKey: context.functionKey, maxBodyBytes: context.maxBodyBytes });
  return { server, routes: bannerRoutes(registrations), notes, stop: async () => {} };
}

export function bannerRoutes(registrations: readonly HttpRegistration[]): BannerRoute[] {
  return registrations.map((r) => ({ method: (r.options.methods ?? ["GET"]).join(","), route: r.options.route ?? r.name, name: r.name }));
}

/**
 * Imports the function app's entry. Outside the Functions host @azure/functions switches to test mode and warns
 * once per app.http call; this host serves those registrations itself, which is what serve's banner says, so
 * those warnings are not shown (they would tell a maker that functions were skipped, which they are not). A
 * missing generated module, unusable auth or webhook settings become messages, not stacks.
 */
export async function importApp(entry: string): Promise<LoadedApp> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = String(args[0] ?? "");
    if (text.includes("@azure/functions") && text.includes("test mode")) return;
    warn(...args);
  };
  try {
    return (await import(pathToFileURL(entry).href)) as LoadedApp;
  } catch (error) {
    // A setting the app refuses at start-up (src/runtime/settings.ts, src/webhooks/settings.ts) is the user's to fix.
    throw authStartupError(error) ?? (error instanceof SettingsError ? new UserError(error.message) : undefined) ?? buildError(error) ?? (await userCodeError(error, projectRootOf(entry))) ?? error;
  } finally {
    console.warn = warn;
  }
}

/** The project an app entry (<root>/dist/src/index.js) was built from. */
function projectRootOf(entry: string): string {
  return path.resolve(path.dirname(entry), "..", "..");
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
