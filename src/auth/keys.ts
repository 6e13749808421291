/**
 * The issuer's published signing keys: its OpenID discovery document names the JWKS, which is fetched once and
 * kept. A token signed with a key id we do not hold makes us fetch the keys again (the issuer may have rolled
 * them), but at most once per cooldown, so that made-up key ids cannot turn us into a load generator against
 * the issuer. Key selection and import are jose's (createLocalJWKSet).
 */
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey, type LocalJWKSet } from "jose";
import { isLoopbackHost } from "./config.js";

export interface SigningKeysOptions {
  /** The issuer's `.well-known/openid-configuration`. */
  readonly metadataUrl: string;
  /** Minimum time between two fetches forced by an unknown key id (default 5 minutes, as Microsoft.IdentityModel). */
  readonly refreshCooldownMs?: number;
  /** How long fetched keys are used before they are fetched again (default 12 hours). */
  readonly maxAgeMs?: number;
  /** Per request to the issuer (default 5 s). */
  readonly timeoutMs?: number;
  /** The clock, in ms since the epoch; tests move it instead of waiting. */
  readonly now?: () => number;
}

export interface IssuerMetadata {
  /** The discovery document's `issuer`, as published. */
  readonly issuer: string;
  readonly jwksUri: string;
}

/** The issuer's keys could not be obtained: the fault is not the caller's (answer 503, not 401). */
export class KeysUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "KeysUnavailableError";
  }
}

const DEFAULT_COOLDOWN_MS = 5 * 60_000;
const DEFAULT_MAX_AGE_MS = 12 * 60 * 60_000;
const DEFAULT_TIMEOUT_MS = 5_000;
/** After a failed age refresh with keys in hand, keep them and try again after this long. */
const RETRY_AFTER_FAILURE_MS = 60_000;
/** Discovery documents and JWKS are a few KB; refuse to buffer anything much larger. */
const MAX_DOCUMENT_BYTES = 256 * 1024;

interface KeySet {
  readonly resolve: LocalJWKSet;
  readonly fetchedAt: number;
}

export class SigningKeys {
  readonly #metadataUrl: string;
  readonly #cooldownMs: number;
  readonly #maxAgeMs: number;
  readonly #timeoutMs: number;
  readonly #now: () => number;
  #metadata: IssuerMetadata | undefined;
  #metadataStale = false;
  #keys: KeySet | undefined;
  #nextAgeRefresh = 0;
  #lastForcedRefresh = Number.NEGATIVE_INFINITY;
  #pending: Promise<KeySet> | undefined;

  constructor(options: SigningKeysOptions) {
    this.#metadataUrl = options.metadataUrl;
    this.#cooldownMs = options.refreshCooldownMs ?? DEFAULT_COOLDOWN_MS;
    this.#maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The discovery document's issuer and JWKS address: fetched on first use and kept; read again after the JWKS
   * could not be fetched (the issuer may have moved it), keeping the one in hand if that fails too.
   */
  async metadata(): Promise<IssuerMetadata> {
    if (this.#metadata && !this.#metadataStale) return this.#metadata;
    try {
      const document = await fetchJson(this.#metadataUrl, this.#timeoutMs, "the discovery document");
      const issuer = (document as { issuer?: unknown }).issuer;
      const jwksUri = (document as { jwks_uri?: unknown }).jwks_uri;
      if (typeof issuer !== "string" || issuer === "" || typeof jwksUri !== "string") {
        throw new KeysUnavailableError(`${this.#metadataUrl} has no issuer or jwks_uri: is it an OpenID discovery document?`);
      }
      if (!isAcceptableUrl(jwksUri)) throw new KeysUnavailableError(`${this.#metadataUrl} names jwks_uri ${jwksUri}, which is not https`);
      this.#metadata = { issuer, jwksUri };
      this.#metadataStale = false;
      return this.#metadata;
    } catch (error) {
      if (this.#metadata) return this.#metadata;
      throw asUnavailable(error, `cannot read the discovery document ${this.#metadataUrl}`);
    }
  }

  /** Fetches the keys now if they were never fetched (start-up warm-up; verification does it anyway). */
  async load(): Promise<void> {
    await this.#current();
  }

  /** jose's key resolver: picks the key by kid/alg, refetching once per cooldown when the kid is unknown. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const keys = await this.#current();
    try {
      return await keys.resolve(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || !this.#mayForceRefresh()) throw error;
      let fresh: KeySet;
      try {
        fresh = await this.#refresh();
      } catch {
        // We still hold keys and none matches: the token is refused as it stands, not blamed on the issuer.
        throw error;
      }
      return fresh.resolve(header, token);
    }
  };

  async #current(): Promise<KeySet> {
    const keys = this.#keys;
    if (keys === undefined) return this.#refresh();
    if (this.#now() < this.#nextAgeRefresh) return keys;
    try {
      return await this.#refresh();
    } catch {
      // The issuer is unreachable but the keys we hold were valid a moment ago: keep serving with them.
      this.#nextAgeRefresh = this.#now() + RETRY_AFTER_FAILURE_MS;
      return keys;
    }
  }

  #mayForceRefresh(): boolean {
    const now = this.#now();
    if (now - this.#lastForcedRefresh < this.#cooldownMs) return false;
    this.#lastForcedRefresh = now;
    return true;
  }

  /** One fetch at a time: concurrent callers share it. */
  #refresh(): Promise<KeySet> {
    this.#pending ??= this.#fetchKeys().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #fetchKeys(): Promise<KeySet> {
    const metadata = await this.metadata();
    let document: unknown;
    try {
      document = await fetchJson(metadata.jwksUri, this.#timeoutMs, "the JWKS");
    } catch (error) {
      this.#metadataStale = true;
      throw asUnavailable(error, `cannot read the signing keys ${metadata.jwksUri}`);
    }
    let resolve: LocalJWKSet;
    try {
      resolve = createLocalJWKSet(document as JSONWebKeySet);
    } catch (error) {
      throw new KeysUnavailableError(`${metadata.jwksUri} is not a JSON Web Key Set`, { cause: error });
    }
    const fetchedAt = this.#now();
    this.#keys = { resolve, fetchedAt };
    this.#nextAgeRefresh = fetchedAt + this.#maxAgeMs;
    return this.#keys;
  }
}

function isAcceptableUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
  } catch {
    return false;
  }
}

function asUnavailable(error: unknown, message: string): KeysUnavailableError {
  if (error instanceof KeysUnavailableError) return error;
  return new KeysUnavailableError(`${message}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

async function fetchJson(url: string, timeoutMs: number, what: string): Promise<unknown> {
  // Redirects are refused: the document's address is configuration, and a redirect could lead anywhere.
  const response = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new KeysUnavailableError(`${what} at ${url} answered ${response.status}`);
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > MAX_DOCUMENT_BYTES) {
    await response.body?.cancel();
    throw new KeysUnavailableError(`${what} at ${url} is larger than ${MAX_DOCUMENT_BYTES} bytes`);
  }
  const text = await response.text();
  if (text.length > MAX_DOCUMENT_BYTES) throw new KeysUnavailableError(`${what} at ${url} is larger than ${MAX_DOCUMENT_BYTES} bytes`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new KeysUnavailableError(`${what} at ${url} is not JSON`);
  }
}
