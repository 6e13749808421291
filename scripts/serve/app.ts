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
import { authStartupError } from "../issuer/serve-hook.js";
import { createLocalHost } from "./host.js";
import type { ServeMode } from "./record.js";

export interface AppContext {
  readonly layout: ProjectLayout;
  /** host.json's route prefix. */
  readonly routePrefix: string;
  readonly functionKey: string;
  readonly maxBodyBytes: number;
}

/** One row of the banner's route list. */
export interface BannerRoute {
  readonly method: string;
  /** Without the route prefix: `workorders/{workOrderId}`. */
  readonly route: string;
  readonly name: string;
}

export interface StartedApp {
  /** Not listening yet: serve listens on the port the user chose. */
  readonly server: Server;
  readonly routes: readonly BannerRoute[];
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
      return hostRegistrations(app.registrations, context, []);
    },
  };
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
 * once per app.http call; this host serves those registrations itself, so one line says so instead of a
 * screenful of warnings. A missing generated module or unusable auth settings become messages, not stacks.
 */
export async function importApp(entry: string, options: { readonly note?: boolean } = {}): Promise<{ registrations: readonly HttpRegistration[] }> {
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
    return (await import(pathToFileURL(entry).href)) as { registrations: readonly HttpRegistration[] };
  } catch (error) {
    throw authStartupError(error) ?? buildError(error) ?? error;
  } finally {
    console.warn = warn;
    if (testMode && options.note !== false) process.stdout.write("@azure/functions is in test mode outside the Functions host; conduit serve hosts its registrations.\n");
  }
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
