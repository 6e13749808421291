/**
 * The one decision the runtime asks of this module: may this request reach this operation's handler, and as whom?
 * Whatever the request holds, the answer is a caller or a ready 401/403 (503 if the issuer's keys cannot be
 * fetched); it never throws for a request's content.
 */
import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import type { OperationSpec } from "../runtime/contract.js";
import { readBearer } from "./bearer.js";
import { CallerClaimsError, callerFromClaims, type Caller } from "./caller.js";
import { refusalResponse, type Refusal } from "./challenge.js";
import { resolveAuthConfig, type AuthConfig, type EasyAuthConfig, type Settings, type ValidateConfig } from "./config.js";
import { easyAuthClaims } from "./easy-auth.js";
import type { SigningKeysOptions } from "./keys.js";
import { checkAppRoles, checkScopes, requiredScopeSets } from "./requirements.js";
import type { TokenChecker } from "./token-check.js";

export type AuthOutcome =
  /** `caller` is undefined when the operation needs none (or auth is off). */
  | { readonly ok: true; readonly caller: Caller | undefined }
  /** `response` is what to answer; `log` says why, for the server's log only (never the token). */
  | { readonly ok: false; readonly response: HttpResponseInit; readonly log: string };

export interface AuthGuard {
  readonly config: AuthConfig;
  authorize(request: HttpRequest, operation: Pick<OperationSpec, "security" | "appRoles">): Promise<AuthOutcome>;
  /** Fetches the issuer's keys ahead of the first call (validate mode); rejects with KeysUnavailableError. */
  warmUp(): Promise<void>;
}

export interface AuthGuardOptions {
  /** Key cache tuning (tests shorten or drive the clock). */
  readonly keys?: Omit<SigningKeysOptions, "metadataUrl">;
}

/**
 * Resolves the auth settings for these operations and builds the guard; throws AuthConfigError (a message per
 * setting to fix) when the settings must not start, so that the app refuses to start instead of serving.
 */
export function authGuardFromSettings(
  operations: readonly Pick<OperationSpec, "security">[],
  settings: Settings = process.env,
  options: AuthGuardOptions = {},
): AuthGuard {
  const needed = operations.some((operation) => requiredScopeSets(operation) !== undefined);
  return createAuthGuard(resolveAuthConfig(settings, { needed }), options);
}

export function createAuthGuard(config: AuthConfig, options: AuthGuardOptions = {}): AuthGuard {
  switch (config.mode) {
    case "off":
      return { config, authorize: async () => ({ ok: true, caller: undefined }), warmUp: async () => {} };
    case "easyauth":
      return easyAuthGuard(config);
    case "validate":
      return validatingGuard(config, options);
  }
}

function validatingGuard(config: ValidateConfig, options: AuthGuardOptions): AuthGuard {
  // jose is loaded with the first token, not with the app (see token-check.ts).
  let checker: Promise<TokenChecker> | undefined;
  const tokens = (): Promise<TokenChecker> =>
    (checker ??= import("./token-check.js").then((module) => module.createTokenChecker(config, options.keys)));
  return {
    config,
    warmUp: async () => (await tokens()).load(),
    async authorize(request, operation) {
      const sets = requiredScopeSets(operation);
      if (sets === undefined) return { ok: true, caller: undefined };
      const bearer = readBearer(request.headers.get("authorization"));
      if (bearer.kind === "absent") return refuse({ kind: "absent" }, "no bearer token");
      if (bearer.kind !== "token") return refuse({ kind: "invalid-token", expired: false }, `${bearer.kind}: ${bearer.detail}`);
      const check = await (await tokens()).check(bearer.token);
      if (check.kind === "unavailable") return refuse({ kind: "unavailable" }, check.log);
      if (check.kind === "invalid") return refuse({ kind: "invalid-token", expired: check.expired, ...(check.reason ? { reason: check.reason } : {}) }, check.log);
      return authorizeClaims(check.claims, "token", sets, operation.appRoles, config.audiences);
    },
  };
}

function easyAuthGuard(config: EasyAuthConfig): AuthGuard {
  return {
    config,
    warmUp: async () => {},
    async authorize(request, operation) {
      const sets = requiredScopeSets(operation);
      if (sets === undefined) return { ok: true, caller: undefined };
      const claims = easyAuthClaims(request);
      if (claims === undefined) return refuse({ kind: "absent" }, "no x-ms-client-principal (App Service Authentication let an anonymous request through)");
      const tid = typeof claims["tid"] === "string" ? claims["tid"].toLowerCase() : undefined;
      if (config.tenants && (tid === undefined || !config.tenants.includes(tid))) {
        return refuse({ kind: "invalid-token", expired: false }, `tenant: tid ${String(tid)} is not an accepted tenant`);
      }
      if (config.audiences) {
        const aud = claims["aud"];
        const audiences = Array.isArray(aud) ? aud : [aud];
        if (!audiences.some((value) => typeof value === "string" && config.audiences?.includes(value))) {
          return refuse({ kind: "invalid-token", expired: false }, `audience: aud ${String(aud)} is not accepted`);
        }
      }
      return authorizeClaims(claims, "easyauth", sets, operation.appRoles, config.audiences ?? []);
    },
  };
}

function authorizeClaims(
  claims: Readonly<Record<string, unknown>>,
  source: Caller["source"],
  sets: readonly (readonly string[])[],
  appRoles: readonly string[] | undefined,
  audiences: readonly string[],
): AuthOutcome {
  let caller: Caller;
  try {
    caller = callerFromClaims(claims, source);
  } catch (error) {
    if (error instanceof CallerClaimsError) return refuse({ kind: "invalid-token", expired: false }, `claims: ${error.message}`);
    throw error;
  }
  if (caller.scopes.length === 0 && caller.roles.length > 0) {
    // No scp but roles: an app-only token, held to the operation's app roles, never to its scopes.
    const roles = checkAppRoles(appRoles, caller.roles);
    if (!roles.ok) {
      const why = roles.missing.length > 0 ? `lacks the app roles ${roles.missing.join(" ")}` : "is app-only, and the operation names no x-conduit-roles";
      return refuse({ kind: "missing-role", roles: roles.missing }, `insufficient role: ${caller.objectId} ${why}`);
    }
    return { ok: true, caller };
  }
  const scopes = checkScopes(sets, caller, audiences);
  if (!scopes.ok) {
    return refuse({ kind: "insufficient-scope", scopes: scopes.missing }, `insufficient scope: ${caller.objectId} lacks ${scopes.missing.join(" ")}`);
  }
  return { ok: true, caller };
}

function refuse(refusal: Refusal, log: string): AuthOutcome {
  return { ok: false, response: refusalResponse(refusal), log };
}
