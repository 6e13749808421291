/**
 * The webhook app settings, read once at start-up. A wrong value stops start-up with a message naming the setting
 * and an example, as the runtime's other settings do.
 */
import { SettingsError } from "../runtime/settings.js";

type Env = Readonly<Record<string, string | undefined>>;

/** Power Automate's and Logic Apps' callback URLs (`https://prod-NN.<region>.logic.azure.com:443/workflows/...`). */
export const DEFAULT_ALLOWED_HOSTS = ["*.logic.azure.com"] as const;

export interface WebhookSettings {
  /** Host patterns a callback URL may name: `host`, `host:port`, or `*.suffix` for any name under suffix. */
  readonly allowedHosts: readonly string[];
  /** Local development (AZURE_FUNCTIONS_ENVIRONMENT=Development): callbacks to loopback, over http too. */
  readonly allowLoopback: boolean;
  /** Deliveries in flight at once, per process. */
  readonly concurrency: number;
  /** How long one delivery attempt may take before it counts as a timeout. */
  readonly timeoutMs: number;
  /** Attempts per delivery (the first included) before it is given up. */
  readonly maxAttempts: number;
  /** How often the outbox is drained of deliveries a stopped or busy instance left behind. */
  readonly drainSeconds: number;
}

export const SETTINGS = {
  allowedHosts: "CONDUIT_WEBHOOK_ALLOWED_HOSTS",
  concurrency: "CONDUIT_WEBHOOK_CONCURRENCY",
  timeout: "CONDUIT_WEBHOOK_TIMEOUT_SECONDS",
  maxAttempts: "CONDUIT_WEBHOOK_MAX_ATTEMPTS",
  drain: "CONDUIT_WEBHOOK_DRAIN_SECONDS",
} as const;

export function isDevelopment(env: Env): boolean {
  return env["AZURE_FUNCTIONS_ENVIRONMENT"]?.trim().toLowerCase() === "development";
}

export function readWebhookSettings(env: Env = process.env): WebhookSettings {
  return {
    allowedHosts: readAllowedHosts(env[SETTINGS.allowedHosts]),
    allowLoopback: isDevelopment(env),
    concurrency: readWhole(env, SETTINGS.concurrency, 16, 1, 256, "deliveries at once"),
    timeoutMs: readWhole(env, SETTINGS.timeout, 10, 1, 120, "seconds") * 1000,
    maxAttempts: readWhole(env, SETTINGS.maxAttempts, 12, 1, 50, "attempts"),
    drainSeconds: readDrainSeconds(env[SETTINGS.drain]),
  };
}

function readAllowedHosts(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === "") return [...DEFAULT_ALLOWED_HOSTS];
  const patterns = raw.split(",").map((p) => p.trim().toLowerCase()).filter((p) => p !== "");
  for (const pattern of patterns) {
    // A bare "*" or a pattern with a scheme or path would allow far more than a reader of the setting expects.
    if (!/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.?(:\d{1,5})?$/.test(pattern) && !/^\[[0-9a-f:.]+\](:\d{1,5})?$/.test(pattern)) {
      throw new SettingsError(
        `${SETTINGS.allowedHosts} must be host names separated by commas, each "host", "host:port" or "*.domain" (e.g. *.logic.azure.com); "${pattern}" is not one`,
      );
    }
  }
  return patterns;
}

function readWhole(env: Env, name: string, fallback: number, min: number, max: number, unit: string): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SettingsError(`${name} must be a whole number of ${unit} from ${min} to ${max}, e.g. ${fallback}; it is "${raw}"`);
  }
  return value;
}

/** Seconds that an NCRONTAB schedule can express as "every N seconds" (`*\/N * * * * *`, or whole minutes). */
function readDrainSeconds(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 60;
  const value = Number(raw);
  const ok = Number.isInteger(value) && ((value >= 1 && value < 60 && 60 % value === 0) || (value >= 60 && value <= 3600 && value % 60 === 0 && 60 % (value / 60) === 0));
  if (!ok) {
    throw new SettingsError(
      `${SETTINGS.drain} must divide a minute or an hour evenly (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800 or 3600 seconds), e.g. 60; it is "${raw}"`,
    );
  }
  return value;
}

/** The timer's NCRONTAB schedule (second minute hour day month weekday) for a drain every `seconds`. */
export function drainSchedule(seconds: number): string {
  if (seconds < 60) return `*/${seconds} * * * * *`;
  if (seconds === 3600) return "0 0 * * * *";
  return `0 */${seconds / 60} * * * *`;
}
