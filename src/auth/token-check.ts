/**
 * The part of the guard that needs jose, in a module of its own so that the function app loads jose on the first
 * call that carries a token, not at start-up (cold start), and never when auth is off or left to Easy Auth.
 */
import type { ValidateConfig } from "./config.js";
import { KeysUnavailableError, SigningKeys, type SigningKeysOptions } from "./keys.js";
import { TokenValidator, type TokenRejectionReason } from "./validate-token.js";

export type TokenCheck =
  | { readonly kind: "valid"; readonly claims: Readonly<Record<string, unknown>> }
  | { readonly kind: "invalid"; readonly expired: boolean; readonly reason?: TokenRejectionReason; readonly log: string }
  | { readonly kind: "unavailable"; readonly log: string };

export interface TokenChecker {
  check(token: string): Promise<TokenCheck>;
  load(): Promise<void>;
}

export function createTokenChecker(config: ValidateConfig, keyOptions: Omit<SigningKeysOptions, "metadataUrl"> = {}): TokenChecker {
  const keys = new SigningKeys({ ...keyOptions, metadataUrl: config.metadataUrl });
  const validator = new TokenValidator({
    keys,
    homeTenantId: config.tenantId,
    tenants: config.tenants,
    audiences: config.audiences,
    issuers: config.issuers,
    clockSkewSeconds: config.clockSkewSeconds,
  });
  return {
    load: () => keys.load(),
    async check(token) {
      let result;
      try {
        result = await validator.validate(token);
      } catch (error) {
        if (error instanceof KeysUnavailableError) return { kind: "unavailable", log: error.message };
        return { kind: "invalid", expired: false, log: `unexpected: ${error instanceof Error ? error.message : String(error)}` };
      }
      if (!result.ok) return { kind: "invalid", expired: result.reason === "expired", reason: result.reason, log: `${result.reason}: ${result.detail}` };
      return { kind: "valid", claims: result.claims };
    },
  };
}
