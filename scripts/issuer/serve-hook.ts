/**
 * What `conduit serve` calls before it loads the function app: unless the user set auth up himself (in
 * local.settings.json or the environment), start the local issuer and point the app's auth settings at it,
 * so that the app validates tokens locally exactly as in Azure. The returned lines go into the banner.
 */
import { AuthConfigError } from "../../src/auth/config.js";
import { UserError } from "../diagnostics.js";
import { hasOwnAuthSettings, startLocalIssuer } from "./local.js";

export interface LocalAuth {
  /** Lines for the serve banner: what checks tokens, and how to get one. */
  readonly banner: readonly string[];
  /** A curl argument that authenticates the banner's example call, when a token is needed and can be made. */
  readonly curlAuth?: string;
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
  return {
    banner: [
      `Auth: bearer tokens from the local issuer ${issuer.server.issuer} (tenant ${issuer.state.tenantId}, audience ${issuer.state.clientId})`,
      `  a token:  npx conduit token --user ana`,
    ],
    curlAuth: `-H "Authorization: Bearer $(npx conduit token --user ana)"`,
    stop: () => issuer.stop(),
  };
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
