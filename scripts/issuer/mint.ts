/**
 * Access tokens in Entra's v2.0 shape (iss, aud, tid, oid, sub, name, preferred_username, scp, azp, ver, iat,
 * nbf, exp), signed with the local issuer's key. The same user name always gets the same oid in a tenant, so
 * data a handler stores per user survives restarts.
 */
import { createHash } from "node:crypto";
import { SignJWT, type JWTPayload } from "jose";
import { ISSUER_ALGORITHM, type SigningKey } from "./state.js";

/** The client app that "asked" for local tokens: stands in for the connector's app registration. */
export const LOCAL_CLIENT_APP_ID = "c0de0000-c0de-4c0d-8c0d-0000c0dec0de";
export const DEFAULT_LIFETIME_SECONDS = 60 * 60;

export interface TokenRequest {
  /** A user name, or a sign-in name with `@`: `ana` becomes ana@conduit.localhost. */
  readonly user: string;
  readonly scopes: readonly string[];
  readonly roles?: readonly string[];
  /** The `iss`: the running issuer's `issuer`. */
  readonly issuer: string;
  readonly audience: string;
  readonly tenantId: string;
  readonly lifetimeSeconds?: number;
  /** Seconds since the epoch: when the token is issued (default now). */
  readonly issuedAt?: number;
  /** Seconds after issuedAt before the token becomes valid (default 0). */
  readonly notBeforeOffset?: number;
  /** Claims to add or override (tests shape bad tokens with it). */
  readonly extraClaims?: Readonly<JWTPayload>;
}

export async function mintToken(key: SigningKey, request: TokenRequest): Promise<string> {
  const iat = request.issuedAt ?? Math.floor(Date.now() / 1000);
  const lifetime = request.lifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
  const upn = request.user.includes("@") ? request.user : `${request.user}@conduit.localhost`;
  const name = displayName(request.user);
  const claims: JWTPayload = {
    aud: request.audience,
    iss: request.issuer,
    iat,
    nbf: iat + (request.notBeforeOffset ?? 0),
    exp: iat + lifetime,
    azp: LOCAL_CLIENT_APP_ID,
    azpacr: "1",
    name,
    oid: stableGuid(`oid:${request.tenantId}:${upn.toLowerCase()}`),
    preferred_username: upn,
    sub: stableGuid(`sub:${request.audience}:${upn.toLowerCase()}`).replace(/-/g, ""),
    tid: request.tenantId,
    ver: "2.0",
    ...(request.scopes.length > 0 ? { scp: request.scopes.join(" ") } : {}),
    ...(request.roles && request.roles.length > 0 ? { roles: [...request.roles] } : {}),
    ...request.extraClaims,
  };
  return new SignJWT(claims).setProtectedHeader({ alg: ISSUER_ALGORITHM, typ: "JWT", kid: key.kid }).sign(key.privateKey);
}

/** `ana.lopez@contoso.com` → `Ana Lopez`. */
export function displayName(user: string): string {
  const local = user.split("@")[0] ?? user;
  return local
    .split(/[._-]+/)
    .filter((part) => part !== "")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(" ");
}

/** A GUID-shaped (version 5 style) id derived from a string: the same input, the same id. */
export function stableGuid(input: string): string {
  const bytes = createHash("sha256").update(input).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
