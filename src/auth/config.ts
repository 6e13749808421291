/**
 * The auth settings, read from app settings (environment variables) in one place. A setting that would let
 * calls through unchecked, or that cannot work, is refused here so that the app does not start with it.
 */

export type AuthMode = "off" | "validate" | "easyauth";

/** The app settings this module reads. */
export const AUTH_SETTINGS = {
  mode: "CONDUIT_AUTH_MODE",
  tenantId: "CONDUIT_AUTH_TENANT_ID",
  audiences: "CONDUIT_AUTH_AUDIENCES",
  allowedTenants: "CONDUIT_AUTH_ALLOWED_TENANTS",
  metadataUrl: "CONDUIT_AUTH_METADATA_URL",
  clockSkew: "CONDUIT_AUTH_CLOCK_SKEW_SECONDS",
} as const;

/** Set by App Service when Authentication (Easy Auth) is on for the app. */
export const EASY_AUTH_ENABLED_SETTING = "WEBSITE_AUTH_ENABLED";

export const DEFAULT_CLOCK_SKEW_SECONDS = 60;
const MAX_CLOCK_SKEW_SECONDS = 600;

export interface OffConfig {
  readonly mode: "off";
}

export interface ValidateConfig {
  readonly mode: "validate";
  /** The home tenant: whose discovery document gives the signing keys. */
  readonly tenantId: string;
  /** Tenants whose users are accepted: the home tenant first, then CONDUIT_AUTH_ALLOWED_TENANTS. */
  readonly tenants: readonly string[];
  /** The function app registration's client id and/or Application ID URI. */
  readonly audiences: readonly string[];
  /** The OpenID Connect discovery document that names the JWKS. */
  readonly metadataUrl: string;
  /**
   * Which `iss` values are accepted: `entra` the v1 and v2 forms of login.microsoftonline.com and sts.windows.net;
   * `metadata` the discovery document's `issuer` (for a non-default issuer such as the local one).
   */
  readonly issuers: "entra" | "metadata";
  readonly clockSkewSeconds: number;
}

export interface EasyAuthConfig {
  readonly mode: "easyauth";
  /** When set, only these tenants' users are accepted (Easy Auth's own issuer check comes first). */
  readonly tenants: readonly string[] | undefined;
  /** When set, the principal's `aud` claim must be one of these. */
  readonly audiences: readonly string[] | undefined;
}

export type AuthConfig = OffConfig | ValidateConfig | EasyAuthConfig;

/** A configuration that must not start; `problems` holds one line per setting to fix. */
export class AuthConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`the auth settings are not usable:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "AuthConfigError";
    this.problems = problems;
  }
}

export type Settings = Readonly<Record<string, string | undefined>>;

export interface ResolveOptions {
  /**
   * Whether any operation declares an OAuth 2 requirement. When none does and no mode is set, auth is off;
   * when one does, an unset mode means validate, so that forgetting the settings stops start-up.
   */
  readonly needed: boolean;
}

export function resolveAuthConfig(settings: Settings, options: ResolveOptions = { needed: true }): AuthConfig {
  const problems: string[] = [];
  const rawMode = value(settings, AUTH_SETTINGS.mode)?.toLowerCase();
  const mode: AuthMode | undefined = rawMode === undefined ? (options.needed ? "validate" : "off") : parseMode(rawMode);
  if (mode === undefined) {
    throw new AuthConfigError([`${AUTH_SETTINGS.mode}="${value(settings, AUTH_SETTINGS.mode)}" is not a mode: use validate, easyauth or off`]);
  }
  if (mode === "off") return { mode };

  const allowed = readTenantList(settings, AUTH_SETTINGS.allowedTenants, problems);
  const audiences = readAudiences(settings, problems);
  const rawTenant = value(settings, AUTH_SETTINGS.tenantId);
  const tenantId = rawTenant === undefined ? undefined : readTenant(rawTenant, AUTH_SETTINGS.tenantId, problems);

  if (mode === "easyauth") {
    if (value(settings, EASY_AUTH_ENABLED_SETTING)?.toLowerCase() !== "true") {
      problems.push(
        `${AUTH_SETTINGS.mode}=easyauth, but App Service Authentication is not on for this app (${EASY_AUTH_ENABLED_SETTING} is not True): ` +
          `without it any client can send its own x-ms-client-principal header. Turn on Authentication for the function app, or use ${AUTH_SETTINGS.mode}=validate`,
      );
    }
    if (problems.length > 0) throw new AuthConfigError(problems);
    const tenants = tenantId === undefined && allowed.length === 0 ? undefined : unique([...(tenantId ? [tenantId] : []), ...allowed]);
    return { mode, tenants, audiences: audiences.length > 0 ? audiences : undefined };
  }

  if (rawTenant === undefined) {
    problems.push(
      `${AUTH_SETTINGS.tenantId} is not set: validate mode needs the directory (tenant) id of the function app's registration, a GUID ` +
        `(Azure portal: Microsoft Entra ID, Overview, Tenant ID); or set ${AUTH_SETTINGS.mode}=easyauth or off`,
    );
  }
  if (list(settings, AUTH_SETTINGS.audiences).length === 0) {
    problems.push(
      `${AUTH_SETTINGS.audiences} is not set: list the function app registration's Application (client) ID and its Application ID URI ` +
        `(api://...), separated by commas; a token whose aud is neither is refused`,
    );
  }
  const rawMetadata = value(settings, AUTH_SETTINGS.metadataUrl);
  const metadataUrl = rawMetadata === undefined ? undefined : readMetadataUrl(rawMetadata, problems);
  const clockSkewSeconds = readClockSkew(settings, problems);
  if (problems.length > 0 || tenantId === undefined) throw new AuthConfigError(problems);
  return {
    mode,
    tenantId,
    tenants: unique([tenantId, ...allowed]),
    audiences,
    metadataUrl: metadataUrl ?? entraMetadataUrl(tenantId),
    issuers: metadataUrl === undefined ? "entra" : "metadata",
    clockSkewSeconds,
  };
}

/** The v2.0 discovery document of an Entra tenant; its JWKS serves v1 and v2 tokens alike. */
export function entraMetadataUrl(tenantId: string): string {
  return `https://login.microsoftonline.com/${tenantId}/v2.0/.well-known/openid-configuration`;
}

/** One line for the start-up log: what is checked, never a secret (there is none in these settings). */
export function describeAuthConfig(config: AuthConfig): string {
  switch (config.mode) {
    case "off":
      return "auth off: operations that declare OAuth 2 run without a caller (no token is checked)";
    case "easyauth":
      return `auth by App Service Authentication (x-ms-client-principal)${config.tenants ? `, tenants ${config.tenants.join(", ")}` : ""}${
        config.audiences ? `, audiences ${config.audiences.join(", ")}` : ""
      }`;
    case "validate":
      return `auth validates bearer tokens: tenants ${config.tenants.join(", ")}; audiences ${config.audiences.join(", ")}; keys from ${config.metadataUrl}`;
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseMode(raw: string): AuthMode | undefined {
  return raw === "off" || raw === "validate" || raw === "easyauth" ? raw : undefined;
}

function value(settings: Settings, name: string): string | undefined {
  const raw = settings[name]?.trim();
  return raw === undefined || raw === "" ? undefined : raw;
}

function list(settings: Settings, name: string): string[] {
  return (value(settings, name) ?? "").split(/[\s,;]+/).filter((item) => item !== "");
}

function readTenant(raw: string, setting: string, problems: string[]): string | undefined {
  if (GUID.test(raw)) return raw.toLowerCase();
  problems.push(
    `${setting}: "${raw}" is not a tenant id: use the directory (tenant) GUID, which is what tokens carry in tid ` +
      `(a domain name, "common" or "organizations" cannot pin a tenant)`,
  );
  return undefined;
}

function readTenantList(settings: Settings, setting: string, problems: string[]): string[] {
  return list(settings, setting).flatMap((raw) => readTenant(raw, setting, problems) ?? []);
}

function readAudiences(settings: Settings, problems: string[]): string[] {
  const audiences: string[] = [];
  for (const raw of list(settings, AUTH_SETTINGS.audiences)) {
    if (GUID.test(raw)) audiences.push(raw.toLowerCase());
    else if (/^[a-z][a-z0-9+.-]*:\/\/?\S+$/i.test(raw)) audiences.push(raw);
    else {
      problems.push(
        `${AUTH_SETTINGS.audiences}: "${raw}" is neither an Application (client) ID (a GUID) nor an Application ID URI (such as api://<client id>)`,
      );
    }
  }
  return unique(audiences);
}

function readMetadataUrl(raw: string, problems: string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${AUTH_SETTINGS.metadataUrl}: "${raw}" is not an absolute URL (the issuer's .well-known/openid-configuration)`);
    return undefined;
  }
  if (url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname))) return url.href;
  problems.push(`${AUTH_SETTINGS.metadataUrl}: "${raw}" must use https (plain http only for 127.0.0.1, ::1 or localhost)`);
  return undefined;
}

function readClockSkew(settings: Settings, problems: string[]): number {
  const raw = value(settings, AUTH_SETTINGS.clockSkew);
  if (raw === undefined) return DEFAULT_CLOCK_SKEW_SECONDS;
  const seconds = Number(raw);
  if (Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_CLOCK_SKEW_SECONDS) return seconds;
  problems.push(`${AUTH_SETTINGS.clockSkew}: "${raw}" must be a whole number of seconds from 0 to ${MAX_CLOCK_SKEW_SECONDS}`);
  return DEFAULT_CLOCK_SKEW_SECONDS;
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === "127.0.0.1" || hostname === "[::1]" || hostname === "::1" || hostname === "localhost";
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
