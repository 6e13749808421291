/**
 * The serve hook: start the local issuer from the project's state file and say which app settings point the
 * function app at it. `conduit serve` merges `settings` into the app's environment (unless the user configured
 * auth himself) and calls `stop()` on shutdown.
 */
import { AUTH_SETTINGS } from "../../src/auth/config.js";
import { startIssuer, type RunningIssuer } from "./server.js";
import { loadOrCreateIssuerState, signingKey, type IssuerState } from "./state.js";

export interface LocalIssuer {
  readonly state: IssuerState;
  readonly server: RunningIssuer;
  /** App settings for the function app: validate mode against this issuer. */
  readonly settings: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export interface LocalIssuerOptions {
  readonly root: string;
  /** Overrides the port kept in the state file (tokens name the port in `iss`). */
  readonly port?: number;
}

export async function startLocalIssuer(options: LocalIssuerOptions): Promise<LocalIssuer> {
  const state = await loadOrCreateIssuerState(options.root);
  const key = await signingKey(state);
  const server = await startIssuer({ tenantId: state.tenantId, port: options.port ?? state.port, keys: () => ({ keys: [key.publicJwk] }) });
  return { state, server, settings: localAuthSettings(state, server.metadataUrl), stop: () => server.stop() };
}

/** True when the user chose auth settings himself (local.settings.json or the environment): leave them alone. */
export function hasOwnAuthSettings(settings: Readonly<Record<string, string | undefined>>): boolean {
  return Object.values(AUTH_SETTINGS).some((name) => (settings[name] ?? "").trim() !== "");
}

export function localAuthSettings(state: IssuerState, metadataUrl: string): Record<string, string> {
  return {
    [AUTH_SETTINGS.mode]: "validate",
    [AUTH_SETTINGS.tenantId]: state.tenantId,
    [AUTH_SETTINGS.audiences]: `${state.clientId},api://${state.clientId}`,
    [AUTH_SETTINGS.metadataUrl]: metadataUrl,
  };
}
