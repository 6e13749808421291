/** The runtime's app settings, read once at start-up. A wrong value stops start-up instead of being guessed. */

export type ResponseValidationMode = "off" | "log" | "enforce";

export interface RuntimeSettings {
  /** Largest request body accepted, in bytes (CONDUIT_MAX_BODY_BYTES). */
  readonly maxBodyBytes: number;
  /** What to do when a handler's response breaks the contract (CONDUIT_RESPONSE_VALIDATION). */
  readonly responseValidation: ResponseValidationMode;
  /**
   * The scheme, host and port callers reach the app at (CONDUIT_PUBLIC_ORIGIN, else https://WEBSITE_HOSTNAME in
   * Azure), for the links the app hands out; undefined: the request's own, as the Host header says.
   */
  readonly publicOrigin?: string | undefined;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingsError";
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export function isProduction(env: Env): boolean {
  return env["AZURE_FUNCTIONS_ENVIRONMENT"]?.toLowerCase() === "production" || env["NODE_ENV"] === "production";
}

export function readRuntimeSettings(env: Env = process.env): RuntimeSettings {
  const publicOrigin = readPublicOrigin(env["CONDUIT_PUBLIC_ORIGIN"], env["WEBSITE_HOSTNAME"]);
  return {
    maxBodyBytes: readMaxBodyBytes(env["CONDUIT_MAX_BODY_BYTES"]),
    responseValidation: readResponseValidation(env["CONDUIT_RESPONSE_VALIDATION"], isProduction(env)),
    ...(publicOrigin === undefined ? {} : { publicOrigin }),
  };
}

/**
 * Links the app hands out must not name whatever host a caller put in the Host header. CONDUIT_PUBLIC_ORIGIN says
 * where callers reach the app (a custom domain, API Management); in Azure, WEBSITE_HOSTNAME (set by App Service to
 * the app's own host name) is the fallback. Locally neither is set and the request's own origin is used.
 */
function readPublicOrigin(raw: string | undefined, websiteHostname: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === "") {
    const host = websiteHostname?.trim();
    return host ? `https://${host}` : undefined;
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new SettingsError(`CONDUIT_PUBLIC_ORIGIN must be a URL such as https://api.contoso.com; it is "${raw}"`);
  }
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new SettingsError(`CONDUIT_PUBLIC_ORIGIN must be https (http only on loopback); it is "${raw}"`);
  }
  if (url.pathname !== "/" || url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new SettingsError(`CONDUIT_PUBLIC_ORIGIN is the scheme, host and port only, e.g. https://api.contoso.com; it is "${raw}"`);
  }
  return url.origin;
}

function readMaxBodyBytes(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_MAX_BODY_BYTES;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new SettingsError(`CONDUIT_MAX_BODY_BYTES must be a positive whole number of bytes, e.g. 1048576; it is "${raw}"`);
  }
  return value;
}

function readResponseValidation(raw: string | undefined, production: boolean): ResponseValidationMode {
  // In development a response that breaks the contract must fail loudly; in production it is logged by default.
  if (raw === undefined || raw.trim() === "") return production ? "log" : "enforce";
  const value = raw.trim().toLowerCase();
  if (value === "off" || value === "log" || value === "enforce") return value;
  throw new SettingsError(`CONDUIT_RESPONSE_VALIDATION must be off, log or enforce; it is "${raw}"`);
}
