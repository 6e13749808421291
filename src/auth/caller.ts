/**
 * Who is calling: the signed-in user (or, for an app-only token, the client application) as Entra ID describes
 * them, taken from a validated access token or from App Service Authentication's principal.
 */
export interface Caller {
  /** Entra object id (`oid`): stable per user and tenant; use it as the user's key. */
  readonly objectId: string;
  /** The tenant the user signed in to (`tid`). */
  readonly tenantId: string;
  /** Display name (`name`); absent in app-only tokens. */
  readonly name: string | undefined;
  /** Sign-in name: `preferred_username` (v2), `upn` or `unique_name` (v1); absent in app-only tokens. */
  readonly userPrincipalName: string | undefined;
  /** Delegated scopes granted to the client (`scp`, space separated in the token). */
  readonly scopes: readonly string[];
  /** App roles (`roles`): assigned to the user, or to the client application for app-only tokens. */
  readonly roles: readonly string[];
  /** The client application that obtained the token (`azp` in v2, `appid` in v1). */
  readonly clientAppId: string | undefined;
  /** Where the identity came from: a token this app validated, or App Service Authentication (Easy Auth). */
  readonly source: "token" | "easyauth";
  /** Every claim as received, for what the fields above do not cover. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/** Why claims could not describe a caller (a required claim missing or of the wrong type). */
export class CallerClaimsError extends Error {
  constructor(readonly claim: string) {
    super(`the "${claim}" claim is missing or not a string`);
    this.name = "CallerClaimsError";
  }
}

/** Builds a Caller from JWT-style claims (short names: oid, tid, scp, roles...). */
export function callerFromClaims(claims: Readonly<Record<string, unknown>>, source: Caller["source"]): Caller {
  return {
    objectId: requiredString(claims, "oid"),
    tenantId: requiredString(claims, "tid"),
    name: optionalString(claims, "name"),
    userPrincipalName: optionalString(claims, "preferred_username") ?? optionalString(claims, "upn") ?? optionalString(claims, "unique_name"),
    scopes: splitScopes(claims["scp"]),
    roles: stringList(claims["roles"]),
    clientAppId: optionalString(claims, "azp") ?? optionalString(claims, "appid"),
    source,
    claims,
  };
}

/** `scp` is one space-separated string in Entra tokens; tolerate an array too. */
export function splitScopes(value: unknown): string[] {
  if (typeof value === "string") return value.split(" ").filter((scope) => scope !== "");
  return stringList(value);
}

function stringList(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}

function requiredString(claims: Readonly<Record<string, unknown>>, name: string): string {
  const value = claims[name];
  if (typeof value !== "string" || value === "") throw new CallerClaimsError(name);
  return value;
}

function optionalString(claims: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}
