/**
 * A token from the local issuer for the app that is running: signed with the key in .conduit/local-issuer.json,
 * naming as `iss` the issuer that the running `conduit serve` started (whatever port it chose), so that the app
 * accepts it. `conduit token` prints one; `conduit try` sends one.
 */
import { shortScope } from "../../src/auth/requirements.js";
import { DEFAULT_LIFETIME_SECONDS, mintToken } from "../issuer/mint.js";
import { issuerUrls } from "../issuer/server.js";
import { loadOrCreateIssuerState, signingKey, type IssuerState } from "../issuer/state.js";
import { readServeRecords } from "../serve/record.js";

export interface LocalTokenRequest {
  readonly root: string;
  readonly user: string;
  /** As the spec or the user names them; `api://<client id>/x` becomes `x`, as Entra writes scp. */
  readonly scopes: readonly string[];
  readonly roles?: readonly string[];
  readonly lifetimeSeconds?: number;
  /** The `iss` to name: the issuer of the app the token is for (conduit try's target); else the running one's. */
  readonly issuer?: string;
}

export interface LocalToken {
  readonly token: string;
  readonly issuer: string;
  readonly scopes: readonly string[];
}

export async function localToken(request: LocalTokenRequest): Promise<LocalToken> {
  const state = await loadOrCreateIssuerState(request.root);
  const audiences = [state.clientId, `api://${state.clientId}`];
  const scopes = request.scopes.map((scope) => shortScope(scope, audiences));
  const issuer = request.issuer ?? (await currentIssuer(request.root, state));
  const token = await mintToken(await signingKey(state), {
    user: request.user,
    scopes,
    roles: request.roles ?? [],
    issuer,
    audience: state.clientId,
    tenantId: state.tenantId,
    lifetimeSeconds: request.lifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS,
  });
  return { token, issuer, scopes };
}

/**
 * The `iss` the running app trusts: the issuer the most recently started serve started (several may run), else
 * the one the state file names.
 */
export async function currentIssuer(root: string, state: IssuerState): Promise<string> {
  const running = (await readServeRecords(root)).filter((r) => r.issuer !== undefined).at(-1)?.issuer;
  if (running !== undefined && running.tenantId === state.tenantId) return running.issuer;
  return issuerUrls(`http://127.0.0.1:${state.port}`, state.tenantId).issuer;
}
