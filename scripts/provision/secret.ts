/**
 * Whether the connector registration needs a new client secret: the one recorded in .env.<env> is kept while it is
 * still one of the registration's and not about to expire; a secret near its end is replaced only on request
 * (--rotate-secret), one already expired always.
 */
import type { PasswordCredential } from "@microsoft/microsoft-graph-types";

export const DEFAULT_SECRET_DAYS = 180;
/** Graph's own ceiling without a tenant policy is two years; app management policies often allow less. */
export const MAX_SECRET_DAYS = 730;
/** Within this many days of its end a secret is "close to expiry": said on every run, replaced with --rotate-secret. */
export const ROTATE_WITHIN_DAYS = 30;

const DAY_MS = 86_400_000;

export interface RecordedSecret {
  /** The value in .env.<env> (CONDUIT_CLIENT_SECRET), if any. */
  readonly value: string | undefined;
  /** Which of the registration's passwords it is (CONDUIT_CLIENT_SECRET_KEY_ID). */
  readonly keyId: string | undefined;
}

export type SecretDecision =
  | { readonly action: "keep"; readonly credential: PasswordCredential; readonly daysLeft: number; readonly nearExpiry: boolean }
  | { readonly action: "add"; readonly reason: string; readonly replaces: PasswordCredential | undefined };

export function decideSecret(recorded: RecordedSecret, passwords: readonly PasswordCredential[], now: Date, rotate: boolean): SecretDecision {
  if (recorded.value === undefined) return { action: "add", reason: "no client secret recorded in the env file", replaces: undefined };
  const current = recorded.keyId === undefined ? undefined : passwords.find((p) => p.keyId === recorded.keyId);
  if (current === undefined) {
    return { action: "add", reason: "the recorded client secret is not one of the connector registration's (removed, or made elsewhere)", replaces: undefined };
  }
  const end = current.endDateTime ? Date.parse(current.endDateTime) : Number.POSITIVE_INFINITY;
  const daysLeft = Math.floor((end - now.getTime()) / DAY_MS);
  if (end <= now.getTime()) return { action: "add", reason: `the recorded client secret expired on ${current.endDateTime}`, replaces: current };
  if (rotate) return { action: "add", reason: `rotation requested (the current one ends ${current.endDateTime}, in ${daysLeft} days)`, replaces: current };
  return { action: "keep", credential: current, daysLeft, nearExpiry: daysLeft < ROTATE_WITHIN_DAYS };
}

export function secretEnd(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}
