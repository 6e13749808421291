/**
 * A token from the local issuer for the app that is running: signed with the key in .conduit/local-issuer.json,
 * naming as `iss` the issuer that the running `conduit serve` started (whatever port it chose), so that the app
 * accepts it. `conduit token` prints one; `conduit try` sends one.
 */
import { shortScope } from "../../src/auth/requirements.js";
import { DEFAULT_LIFETIME_SECONDS, mintToken } from "../issuer/mint.js";
import { issuerUrls } from "../issuer/server.js";
import { loadOrCreateIssuerState, signingKey, type IssuerState } from "../issuer/state.js";
import { UserError } from "../diagnostics.js";
import { listApps, readServeRecords, sameApp } from "../serve/record.js";

export interface LocalTokenRequest {
  readonly root: string;
  readonly user: string;
  /** As the spec or the user names them; `api://<client id>/x` becomes `x`, as Entra writes scp. */
  readonly scopes: readonly string[];
  readonly roles?: readonly string[];
  readonly lifetimeSeconds?: number;
  /** The `iss` to name: the issuer of the app the token is for (conduit try's target); else the running one's. */
  readonly issuer?: string;
  /** The app the token is for, as `conduit token --url` names it: its serve record gives the issuer. */
  readonly url?: string;
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
  const issuer = request.issuer ?? (request.url !== undefined ? await issuerAt(request.root, state, request.url) : await currentIssuer(request.root, state));
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

/** The `iss` the app at `url` trusts, from its serve record; an app that serve does not run here is refused. */
export async function issuerAt(root: string, state: IssuerState, url: string): Promise<string> {
  const records = await readServeRecords(root);
  const record = records.filter((r) => sameApp(r.url, url)).at(-1);
  if (record === undefined) {
    const running = records.length === 0 ? "no app is running in this project" : `running here:\n${listApps(records)}`;
    throw new UserError(`--url ${url}: no app that conduit serve or dev runs in this project answers there (${running}); pass one of their URLs, or leave --url out`, { exitCode: 2 });
  }
  if (record.issuer === undefined) throw new UserError(`--url ${url}: that app runs without the local issuer (${record.mode}), so no local token is needed or accepted there`, { exitCode: 2 });
  if (record.issuer.tenantId !== state.tenantId) {
    throw new UserError(`--url ${url}: that app trusts an issuer from an earlier .conduit/local-issuer.json (tenant ${record.issuer.tenantId}); restart it so that it uses the current one`, { exitCode: 2 });
  }
  return record.issuer.issuer;
}
