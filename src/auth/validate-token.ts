/**
 * Checks one access token the way Entra ID's own libraries do: signature by the tenant's published keys (RS256
 * only), `aud` one of the function app registration's identifiers, lifetime with a small clock skew, `tid` one
 * of the accepted tenants and `iss` the issuer of that tenant in the token's version. The signature and the
 * registered claims are jose's; the Entra-specific rules are here.
 */
import { errors, jwtVerify, type JWTPayload } from "jose";
import { KeysUnavailableError, type SigningKeys } from "./keys.js";

/** Entra ID signs access tokens with RS256; anything else (none, HS256 with the public key as secret...) is refused. */
export const ACCEPTED_ALGORITHMS: readonly string[] = ["RS256"];

export type TokenRejectionReason =
  | "malformed"
  | "algorithm"
  | "signature"
  | "unknown-key"
  | "expired"
  | "not-yet-valid"
  | "audience"
  | "issuer"
  | "tenant"
  | "claims";

export type TokenCheck =
  | { readonly ok: true; readonly claims: Readonly<Record<string, unknown>> }
  /** `detail` is for the server's log only: it may name expected values. */
  | { readonly ok: false; readonly reason: TokenRejectionReason; readonly detail: string };

export interface TokenValidatorOptions {
  readonly keys: SigningKeys;
  /** The home tenant: in a non-Entra issuer's published `issuer`, it stands for the token's tenant. */
  readonly homeTenantId: string;
  /** Accepted tenants (lower-case GUIDs), the home tenant included. */
  readonly tenants: readonly string[];
  readonly audiences: readonly string[];
  readonly issuers: "entra" | "metadata";
  readonly clockSkewSeconds: number;
}

export class TokenValidator {
  readonly #options: TokenValidatorOptions;

  constructor(options: TokenValidatorOptions) {
    this.#options = options;
  }

  /** Resolves to the token's claims or the reason it is refused; rejects only with KeysUnavailableError. */
  async validate(token: string): Promise<TokenCheck> {
    const options = this.#options;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, options.keys.getKey, {
        algorithms: [...ACCEPTED_ALGORITHMS],
        audience: [...options.audiences],
        clockTolerance: options.clockSkewSeconds,
        requiredClaims: ["exp", "iss", "tid", "oid"],
      }));
    } catch (error) {
      if (error instanceof KeysUnavailableError) throw error;
      return classify(error);
    }
    const tid = payload["tid"];
    if (typeof tid !== "string") return reject("claims", "tid is not a string");
    const tenant = tid.toLowerCase();
    if (!options.tenants.includes(tenant)) return reject("tenant", `tid ${tid} is not an accepted tenant`);
    const expected = await this.#issuersFor(tenant, payload["ver"]);
    if (typeof payload.iss !== "string" || !expected.includes(payload.iss)) {
      return reject("issuer", `iss ${String(payload.iss)} is not ${expected.join(" or ")}`);
    }
    if (typeof payload["oid"] !== "string" || payload["oid"] === "") return reject("claims", "oid is not a string");
    return { ok: true, claims: payload };
  }

  async #issuersFor(tenant: string, version: unknown): Promise<string[]> {
    if (this.#options.issuers === "metadata") {
      const { issuer } = await this.#options.keys.metadata();
      return [substituteTenant(issuer, this.#options.homeTenantId, tenant)];
    }
    const v1 = `https://sts.windows.net/${tenant}/`;
    const v2 = `https://login.microsoftonline.com/${tenant}/v2.0`;
    // The registration's accessTokenAcceptedVersion picks the version; the issuer must match the one claimed.
    if (version === "1.0") return [v1];
    if (version === "2.0") return [v2];
    return [v1, v2];
  }
}

/** A published issuer names either a `{tenantid}` template or the home tenant; put the token's tenant there. */
function substituteTenant(issuer: string, homeTenantId: string, tenant: string): string {
  if (/\{tenantid\}/i.test(issuer)) return issuer.replace(/\{tenantid\}/gi, tenant);
  return issuer.split(homeTenantId).join(tenant);
}

function reject(reason: TokenRejectionReason, detail: string): TokenCheck {
  return { ok: false, reason, detail };
}

function classify(error: unknown): TokenCheck {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof errors.JWTExpired) return reject("expired", detail);
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf") return reject("not-yet-valid", detail);
    if (error.claim === "aud") return reject("audience", detail);
    if (error.claim === "iat" && error.reason === "check_failed") return reject("not-yet-valid", detail);
    return reject("claims", detail);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return reject("algorithm", detail);
  if (error instanceof errors.JWSSignatureVerificationFailed) return reject("signature", detail);
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return reject("unknown-key", detail);
  // JWSInvalid, JWTInvalid, and anything else a hostile token can provoke: refused, never a 500.
  return reject("malformed", detail);
}
