/**
 * Refusals as a resource server answers them (RFC 6750 §3): a `WWW-Authenticate: Bearer` challenge and a
 * problem+json body (RFC 9457). The descriptions are fixed phrases: they never echo the token, nor say which
 * audience, issuer or tenant was expected. They name the failed check only for a token whose signature a trusted
 * key verified (its holder may know which claim is off, as ASP.NET's JwtBearer tells); a forged or malformed one
 * learns nothing.
 */
import type { HttpResponseInit } from "@azure/functions";
import type { ProblemDetails } from "../runtime/handler.js";
import type { TokenRejectionReason } from "./validate-token.js";

export type Refusal =
  /** No bearer credentials at all: the challenge carries no error code (RFC 6750 §3.1). */
  | { readonly kind: "absent" }
  | { readonly kind: "invalid-token"; readonly expired: boolean; readonly reason?: TokenRejectionReason }
  | { readonly kind: "insufficient-scope"; readonly scopes: readonly string[] }
  /** An app-only token (no scp) without the app roles the operation names, or for one that names none. */
  | { readonly kind: "missing-role"; readonly roles: readonly string[] }
  /** The issuer's keys cannot be fetched: our fault, not the caller's. */
  | { readonly kind: "unavailable" };

/** Checks made after the signature verified: the token is genuine, only one of its claims is off. */
const SIGNED_REASONS: Partial<Record<TokenRejectionReason, string>> = {
  "not-yet-valid": "The access token is not valid yet",
  audience: "The access token is for another audience",
  issuer: "The access token is from another issuer",
  tenant: "The access token is from a tenant this API does not accept",
};

// As the runtime's other problems: about:blank with the status's title; the challenge header says the rest.
const PROBLEM_TYPE = "about:blank";

export function refusalResponse(refusal: Refusal): HttpResponseInit {
  switch (refusal.kind) {
    case "absent":
      return respond(401, `Bearer`, {
        type: PROBLEM_TYPE,
        title: "Unauthorized",
        status: 401,
        detail: "This operation needs an access token: send it as `Authorization: Bearer <token>`.",
      });
    case "invalid-token": {
      const description = refusal.expired ? "The access token expired" : (SIGNED_REASONS[refusal.reason ?? "malformed"] ?? "The access token is not valid for this API");
      return respond(401, `Bearer error="invalid_token", error_description="${description}"`, {
        type: PROBLEM_TYPE,
        title: "Unauthorized",
        status: 401,
        detail: `${description}.`,
      });
    }
    case "insufficient-scope": {
      const scopes = refusal.scopes.map(scopeToken).filter((scope) => scope !== "").join(" ");
      return respond(
        403,
        `Bearer error="insufficient_scope", error_description="The access token lacks a required scope", scope="${scopes}"`,
        {
          type: PROBLEM_TYPE,
          title: "Forbidden",
          status: 403,
          detail: `The access token lacks a scope this operation needs: ${scopes}.`,
          scope: scopes,
        },
      );
    }
    case "missing-role": {
      const roles = refusal.roles.map(scopeToken).filter((role) => role !== "").join(" ");
      return respond(403, `Bearer error="insufficient_scope", error_description="The access token lacks a required app role"`, {
        type: PROBLEM_TYPE,
        title: "Forbidden",
        status: 403,
        detail:
          roles === ""
            ? "This operation takes delegated tokens (a user's, with scp) only, not app-only tokens."
            : `An app-only token needs these app roles for this operation: ${roles}.`,
        ...(roles === "" ? {} : { roles }),
      });
    }
    case "unavailable":
      return {
        status: 503,
        headers: { "content-type": "application/problem+json", "retry-after": "30" },
        body: JSON.stringify({
          type: PROBLEM_TYPE,
          title: "Service Unavailable",
          status: 503,
          detail: "The access token cannot be checked right now; try again shortly.",
        } satisfies ProblemDetails),
      };
  }
}

function respond(status: number, challenge: string, problem: ProblemDetails): HttpResponseInit {
  return {
    status,
    headers: { "www-authenticate": challenge, "content-type": "application/problem+json", "cache-control": "no-store" },
    body: JSON.stringify(problem),
  };
}

/** RFC 6750 scope-token characters only: a spec's scope name cannot break the quoted header value. */
function scopeToken(scope: string): string {
  return scope.replace(/[^\x21\x23-\x5B\x5D-\x7E]/g, "");
}
