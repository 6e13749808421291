/**
 * What `conduit serve` calls before it loads the function app: unless the user set auth up himself (in
 * local.settings.json or the environment), start the local issuer and point the app's auth settings at it,
 * so that the app validates tokens locally exactly as in Azure. The returned lines go into the banner.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AuthConfigError } from "../../src/auth/config.js";
import { UserError } from "../diagnostics.js";
import { displayPath } from "../project.js";
import { hasOwnAuthSettings, startLocalIssuer } from "./local.js";

export interface LocalAuth {
  /** Lines for the serve banner: what checks tokens, and how to get one. */
  readonly banner: readonly string[];
  /** A curl argument that authenticates the banner's example call, when a token is needed and can be made. */
  readonly curlAuth?: string;
  /** The running local issuer (for the serve record, which `conduit token` reads). */
  readonly issuer?: { readonly issuer: string; readonly tenantId: string };
  stop(): Promise<void>;
}

export interface LocalAuthOptions {
  readonly root: string;
  /** The app's environment; the issuer's settings are written into it. */
  readonly env: NodeJS.ProcessEnv;
  /** --issuer-port: overrides the port kept in .conduit/local-issuer.json. */
  readonly port?: number;
  /** --no-issuer: leave auth to the settings as they are. */
  readonly disabled?: boolean;
}

export async function prepareLocalAuth(options: LocalAuthOptions): Promise<LocalAuth> {
  if (options.disabled || hasOwnAuthSettings(options.env)) {
    return { banner: [`Auth: ${describeOwn(options.env)}`], stop: async () => {} };
  }
  const issuer = await startLocalIssuer({ root: options.root, ...(options.port === undefined ? {} : { port: options.port }) });
  for (const [name, value] of Object.entries(issuer.settings)) options.env[name] = value;
  const token = `${tokenCommand(options.root)} --user ana`;
  return {
    banner: [
      `Auth: bearer tokens from the local issuer ${issuer.server.issuer} (tenant ${issuer.state.tenantId}, audience ${issuer.state.clientId})`,
      `  a token:  ${token}`,
    ],
    curlAuth: `-H "Authorization: Bearer $(${token})"`,
    issuer: { issuer: issuer.server.issuer, tenantId: issuer.state.tenantId },
    stop: () => issuer.stop(),
  };
}

/**
 * The fastest way to run `conduit token` from the project root: node on the package's bin directly. `npx conduit`
 * gives the same token but spends about a second (several on a busy machine) starting npm first.
 */
export function tokenCommand(root: string): string {
  const bin = fileURLToPath(new URL("../../../bin/conduit.js", import.meta.url));
  if (!existsSync(bin)) return "npx conduit token";
  const shown = displayPath(bin, root).split(path.sep).join("/");
  return `node ${/^[\w./@-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, "'\\''")}'`} token`;
}

/** The function app refused its auth settings at start-up: say which and how to fix them, no stack trace. */
export function authStartupError(error: unknown): UserError | undefined {
  if (!(error instanceof AuthConfigError)) return undefined;
  return new UserError(
    `${error.message}\nSet them in local.settings.json ("Values"), or remove every CONDUIT_AUTH_* setting to use the local issuer.`,
  );
}

function describeOwn(env: NodeJS.ProcessEnv): string {
  const mode = env["CONDUIT_AUTH_MODE"]?.trim() || "validate";
  return mode === "off" ? "off (CONDUIT_AUTH_MODE=off): no token is checked" : `${mode}, as local.settings.json or the environment set it`;
}
