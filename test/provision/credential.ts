/**
 * The sign-in for tests: a TokenCredential (@azure/identity's interface, what the product's Session takes) that
 * hands out tokens in Entra ID's shape for a made-up user and tenant. The fakes accept exactly these tokens, each
 * for its own audience, so a call that used the wrong token is refused as a real service would refuse it.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";

export const TENANT_ID = "72f988bf-0000-4a6b-9c1d-7e2f3a4b5c6d";
export const USER_OBJECT_ID = "5e6f7a8b-3333-4d4e-8f9a-0b1c2d3e4f5a";
export const USER_NAME = "ana@contoso.example";

export class TestCredential implements TokenCredential {
  readonly scopes: string[] = [];

  constructor(
    private readonly claims: Record<string, unknown> = {},
    private readonly failure?: Error,
  ) {}

  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken | null> {
    const scope = Array.isArray(scopes) ? (scopes[0] ?? "") : scopes;
    this.scopes.push(scope);
    if (this.failure) throw this.failure;
    const audience = scope.replace(/\/\.default$/, "");
    const now = Math.floor(Date.now() / 1000);
    const payload = { aud: audience, iss: `https://sts.windows.net/${TENANT_ID}/`, tid: TENANT_ID, oid: USER_OBJECT_ID, upn: USER_NAME, iat: now, exp: now + 3600, ...this.claims };
    return { token: `${part({ alg: "RS256", typ: "JWT" })}.${part(payload)}.c2lnbmF0dXJl`, expiresOnTimestamp: (now + 3600) * 1000 };
  }
}

/** The claims of a token from TestCredential, for the fakes' checks. */
export function tokenClaims(authorization: string | undefined): Record<string, unknown> | undefined {
  const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
  const payload = token?.split(".")[1];
  if (payload === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function part(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
