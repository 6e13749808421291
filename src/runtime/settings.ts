/** The runtime's app settings, read once at start-up. A wrong value stops start-up instead of being guessed. */

export type ResponseValidationMode = "off" | "log" | "enforce";

export interface RuntimeSettings {
  /** Largest request body accepted, in bytes (CONDUIT_MAX_BODY_BYTES). */
  readonly maxBodyBytes: number;
  /** What to do when a handler's response breaks the contract (CONDUIT_RESPONSE_VALIDATION). */
  readonly responseValidation: ResponseValidationMode;
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
  return {
    maxBodyBytes: readMaxBodyBytes(env["CONDUIT_MAX_BODY_BYTES"]),
    responseValidation: readResponseValidation(env["CONDUIT_RESPONSE_VALIDATION"], isProduction(env)),
  };
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
