/** Reads the bearer token out of an Authorization header value (RFC 6750 §2.1), refusing anything unusual. */

/**
 * Entra access tokens run to a few KB (a groups overage claim keeps them bounded); anything far larger is not
 * one of them and is refused before it is decoded.
 */
export const MAX_TOKEN_LENGTH = 12 * 1024;

export type BearerRead =
  | { readonly kind: "token"; readonly token: string }
  /** No Authorization header, or another scheme: the caller sent no bearer credentials at all. */
  | { readonly kind: "absent" }
  | { readonly kind: "malformed"; readonly detail: string }
  | { readonly kind: "oversize"; readonly detail: string };

// b64token: the token68 syntax. A JWS compact token is three base64url parts, checked again by jose.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const SCHEME = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?: |$)/;

export function readBearer(header: string | null | undefined): BearerRead {
  if (header === null || header === undefined || header.trim() === "") return { kind: "absent" };
  if (header.length > MAX_TOKEN_LENGTH + 16) return { kind: "oversize", detail: `Authorization header of ${header.length} characters` };
  const scheme = SCHEME.exec(header)?.[1];
  if (scheme === undefined) return { kind: "malformed", detail: "the Authorization header has no scheme" };
  if (scheme.toLowerCase() !== "bearer") return { kind: "absent" };
  const match = BEARER.exec(header);
  if (!match?.[1]) return { kind: "malformed", detail: "the Authorization header is not `Bearer <token>` (two headers, or characters a token cannot hold)" };
  const token = match[1];
  if (token.length > MAX_TOKEN_LENGTH) return { kind: "oversize", detail: `a token of ${token.length} characters` };
  if (token.split(".").length !== 3) return { kind: "malformed", detail: "the token is not a compact JWS (three dot-separated parts)" };
  return { kind: "token", token };
}
