/** What an operation's `security` asks of the caller, and whether a caller's grants meet it. Pure. */
import type { OperationSpec, SecurityRequirementSpec } from "../runtime/contract.js";

/**
 * The OAuth 2 scope sets that would each satisfy the operation (Swagger semantics: any one alternative will do),
 * or undefined when the operation does not need a caller: no security, or an alternative without OAuth 2
 * (anonymous `{}`, or an API key that the Functions host checks).
 */
export function requiredScopeSets(operation: Pick<OperationSpec, "security">): readonly (readonly string[])[] | undefined {
  if (operation.security.length === 0) return undefined;
  const sets: string[][] = [];
  for (const alternative of operation.security) {
    const oauth = alternative.filter((requirement: SecurityRequirementSpec) => requirement.type === "oauth2");
    if (oauth.length === 0) return undefined;
    sets.push([...new Set(oauth.flatMap((requirement) => requirement.scopes))]);
  }
  return sets;
}

export interface Grants {
  /** Delegated scopes (`scp`). */
  readonly scopes: readonly string[];
  /** App roles (`roles`). */
  readonly roles: readonly string[];
}

export type ScopeCheck = { readonly ok: true } | { readonly ok: false; readonly missing: readonly string[] };

/**
 * A required scope is met by a delegated scope (`scp`) of that name, never by an app role: Microsoft's guidance
 * checks `scp` for delegated tokens and `roles` for app-only ones, separately, so that an app granted a role
 * that happens to share a scope's name does not act as a user. The spec may name a scope in full
 * (`api://<client id>/user_impersonation`, as the connector requests it); tokens carry the short name.
 */
export function checkScopes(sets: readonly (readonly string[])[], grants: Pick<Grants, "scopes">, audiences: readonly string[]): ScopeCheck {
  const granted = new Set(grants.scopes);
  let closest: string[] | undefined;
  for (const set of sets) {
    const missing = set.filter((scope) => !granted.has(shortScope(scope, audiences)));
    if (missing.length === 0) return { ok: true };
    if (closest === undefined || missing.length < closest.length) closest = missing;
  }
  return { ok: false, missing: closest ?? [] };
}

export function shortScope(scope: string, audiences: readonly string[]): string {
  for (const audience of audiences) {
    const prefix = audience.endsWith("/") ? audience : `${audience}/`;
    if (scope.toLowerCase().startsWith(prefix.toLowerCase())) return scope.slice(prefix.length);
  }
  return scope;
}

/**
 * An app-only token (no `scp`: the client credentials flow) is judged by its app roles alone: it must hold every
 * role the operation's `x-conduit-roles` names, and an operation that names none takes no app-only tokens.
 */
export function checkAppRoles(required: readonly string[] | undefined, roles: readonly string[]): ScopeCheck {
  if (required === undefined || required.length === 0) return { ok: false, missing: [] };
  const missing = required.filter((role) => !roles.includes(role));
  return missing.length === 0 ? { ok: true } : { ok: false, missing };
}
