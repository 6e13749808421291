/**
 * The caller as App Service Authentication (Easy Auth) hands it over: it validated the token already and put the
 * claims in `x-ms-client-principal` (headers of that name sent by a client are stripped by the platform). The
 * principal is read through @azure/functions (`request.user`); its claims arrive as `{ typ, val }` pairs, with
 * long URI names for some, which are folded back to the short names tokens use.
 */
import type { HttpRequest } from "@azure/functions";

/** Long claim types Easy Auth uses (from the .NET claim mapping), and the token claim each stands for. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  "http://schemas.microsoft.com/identity/claims/objectidentifier": "oid",
  "http://schemas.microsoft.com/identity/claims/tenantid": "tid",
  "http://schemas.microsoft.com/identity/claims/scope": "scp",
  "http://schemas.microsoft.com/ws/2008/06/identity/claims/role": "roles",
  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn": "upn",
  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier": "sub",
  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress": "email",
  "http://schemas.microsoft.com/identity/claims/identityprovider": "idp",
};

/** Claims that hold a list even when only one value is present. */
const LIST_CLAIMS = new Set(["roles", "groups", "amr"]);

/**
 * The principal's claims with short names, or undefined when the request carries no principal (Easy Auth let an
 * anonymous request through) or one that cannot be read.
 */
export function easyAuthClaims(request: HttpRequest): Record<string, unknown> | undefined {
  const data = principalData(request);
  if (data === undefined) return undefined;
  const entries = data["claims"];
  if (!Array.isArray(entries)) return undefined;
  const roleType = typeof data["role_typ"] === "string" ? data["role_typ"] : undefined;
  const claims: Record<string, unknown> = {};
  for (const entry of entries) {
    if (entry === null || typeof entry !== "object") continue;
    const { typ, val } = entry as { typ?: unknown; val?: unknown };
    if (typeof typ !== "string" || typeof val !== "string") continue;
    const name = typ === roleType ? "roles" : (SHORT_NAMES[typ] ?? typ);
    const existing = claims[name];
    if (existing === undefined) claims[name] = LIST_CLAIMS.has(name) ? [val] : val;
    else claims[name] = Array.isArray(existing) ? [...(existing as unknown[]), val] : [existing, val];
  }
  return claims;
}

function principalData(request: HttpRequest): Record<string, unknown> | undefined {
  try {
    const user = request.user;
    if (user === null) return undefined;
    return user.claimsPrincipalData;
  } catch {
    // @azure/functions insists on x-ms-client-principal-name/-id/-idp beside the principal; an app-only token
    // has no name, so read the principal itself the same way the library does.
    return decodePrincipal(request.headers.get("x-ms-client-principal"));
  }
}

function decodePrincipal(header: string | null): Record<string, unknown> | undefined {
  if (header === null || header === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(header, "base64").toString("utf8"));
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
