import type { AccessToken, TokenCredential } from "@azure/identity";
import { decodeJwt } from "jose";
import { UserError } from "../diagnostics.js";

/** Who is signed in, from the access token's claims (read, not verified: the token is ours, for the service). */
export interface SignedInUser {
  readonly tenantId: string;
  readonly objectId: string;
  /** upn, preferred_username or unique_name, whichever the token has. */
  readonly name: string | undefined;
}

/**
 * The sign-in Azure developers already have: the Azure CLI's (`az login`) where it is installed and signed in,
 * else a device code (a URL and a code to enter in any browser). Loaded on first use: @azure/identity is a
 * dependency of the CLI only, never of the function app.
 */
export async function defaultCredential(options: { tenantId?: string; prompt: (message: string) => void }): Promise<TokenCredential> {
  const { AzureCliCredential, ChainedTokenCredential, DeviceCodeCredential } = await import("@azure/identity");
  const tenant = options.tenantId === undefined ? {} : { tenantId: options.tenantId };
  const chain = new ChainedTokenCredential(
    new AzureCliCredential(tenant),
    new DeviceCodeCredential({ ...tenant, userPromptCallback: (info) => options.prompt(info.message) }),
  );
  CHAIN_LABELS.set(chain, ["Azure CLI (az login)", "device code"]);
  return chain;
}

/** What each credential of a chain is called in messages, in the chain's order (its errors come in that order). */
const CHAIN_LABELS = new WeakMap<TokenCredential, readonly string[]>();

/**
 * A failed sign-in as one line per credential tried: @azure/identity's ChainedTokenCredential throws an
 * AggregateAuthenticationError whose own message ("ChainedTokenCredential authentication failed.") says nothing.
 */
export function signInCauses(error: unknown, credential: TokenCredential): string[] {
  const errors = (error as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return [firstLine(error)];
  const labels = CHAIN_LABELS.get(credential);
  return errors.map((cause, i) => `${labels?.[i] ?? (cause as { name?: string } | null)?.name ?? `credential ${i + 1}`}: ${firstLine(cause)}`);
}

/** Tokens per resource for one run: asks the credential once per scope and reuses the token until shortly before it expires. */
export class Session {
  private readonly tokens = new Map<string, AccessToken>();

  constructor(private readonly credential: TokenCredential) {}

  async token(scope: string): Promise<string> {
    const cached = this.tokens.get(scope);
    if (cached !== undefined && cached.expiresOnTimestamp - Date.now() > 120_000) return cached.token;
    let token: AccessToken | null;
    try {
      token = await this.credential.getToken(scope);
    } catch (error) {
      const causes = signInCauses(error, this.credential);
      const fix = "Sign in with `az login` (add --tenant <tenant> for another directory), or run again and follow the device code prompt";
      const message = causes.length === 1 ? `cannot sign in for ${scope}: ${causes[0]}. ${fix}` : `cannot sign in for ${scope}; each way of signing in failed:\n${causes.map((c) => `  - ${c}`).join("\n")}\n${fix}`;
      throw new UserError(message, { exitCode: 2, cause: error });
    }
    if (token === null) throw new UserError(`cannot sign in for ${scope}: the credential returned no token; run \`az login\` and try again`, { exitCode: 2 });
    this.tokens.set(scope, token);
    return token.token;
  }

  async user(scope: string): Promise<SignedInUser> {
    return userOf(await this.token(scope));
  }
}

export function userOf(token: string): SignedInUser {
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(token);
  } catch {
    throw new UserError("the access token from the sign-in is not a JWT: cannot tell the tenant and user; sign in with `az login` and try again", { exitCode: 1 });
  }
  const text = (key: string): string | undefined => (typeof claims[key] === "string" ? (claims[key] as string) : undefined);
  const tenantId = text("tid");
  const objectId = text("oid");
  if (tenantId === undefined || objectId === undefined) {
    throw new UserError("the sign-in is not a user in an Entra ID tenant (the token has no tid or oid): sign in as a work or school account", { exitCode: 1 });
  }
  return { tenantId, objectId, name: text("upn") ?? text("preferred_username") ?? text("unique_name") };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] ?? message).trim().replace(/[.:;\s]+$/, "");
}
