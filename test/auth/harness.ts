/**
 * A real local issuer on 127.0.0.1 (scripts/issuer) with keys the test controls, and real @azure/functions
 * HttpRequest objects: what the auth tests run against.
 */
import pkg from "@azure/functions";
import type { HttpRequest } from "@azure/functions";
import type { JSONWebKeySet } from "jose";
import { createAuthGuard, type AuthGuard, type AuthGuardOptions } from "../../src/auth/guard.js";
import { resolveAuthConfig } from "../../src/auth/config.js";
import { localAuthSettings } from "../../scripts/issuer/local.js";
import { mintToken, type TokenRequest } from "../../scripts/issuer/mint.js";
import { startIssuer, type RunningIssuer } from "../../scripts/issuer/server.js";
import { newIssuerState, signingKey, type IssuerState, type SigningKey } from "../../scripts/issuer/state.js";

const { HttpRequest: Request } = pkg;

export interface TestIssuer {
  readonly state: IssuerState;
  readonly key: SigningKey;
  readonly server: RunningIssuer;
  /** The JWKS the server publishes; tests add or replace keys while it runs. */
  published: JSONWebKeySet;
  /** The app settings that point the function app at this issuer. */
  readonly settings: Record<string, string>;
  /** A token from this issuer; anything in `overrides` replaces the defaults (user ana, scope user_impersonation). */
  mint(overrides?: Partial<TokenRequest>, key?: SigningKey): Promise<string>;
  guard(settings?: Record<string, string | undefined>, options?: AuthGuardOptions): AuthGuard;
  stop(): Promise<void>;
}

let cachedState: Promise<IssuerState> | undefined;

/** Key generation is the slow part: one issuer identity per test process is plenty. */
function sharedState(): Promise<IssuerState> {
  cachedState ??= newIssuerState(0);
  return cachedState;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const state = await sharedState();
  const key = await signingKey(state);
  const keys = { published: { keys: [key.publicJwk] } as JSONWebKeySet };
  const server = await startIssuer({ tenantId: state.tenantId, port: 0, keys: () => keys.published });
  const settings = localAuthSettings(state, server.metadataUrl);
  return {
    state,
    key,
    server,
    settings,
    get published() {
      return keys.published;
    },
    set published(value) {
      keys.published = value;
    },
    mint: (overrides = {}, signing = key) =>
      mintToken(signing, {
        user: "ana.lopez@contoso.com",
        scopes: ["user_impersonation"],
        issuer: server.issuer,
        audience: state.clientId,
        tenantId: state.tenantId,
        ...overrides,
      }),
    guard: (overrides = {}, options = {}) => createAuthGuard(resolveAuthConfig({ ...settings, ...overrides }), options),
    stop: () => server.stop(),
  };
}

/** A real HttpRequest as the Functions host would hand it over. */
export function request(headers: Record<string, string> = {}, url = "http://127.0.0.1:7071/api/workorders"): HttpRequest {
  return new Request({ method: "GET", url, headers });
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** The spec's security for the sample's operations: oauth2_auth with user_impersonation. */
export const SECURED = {
  security: [[{ scheme: "oauth2_auth", type: "oauth2" as const, scopes: ["user_impersonation"] }]],
};

export function base64url(value: unknown): string {
  return Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
}
