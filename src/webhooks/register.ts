/**
 * The timer function that drains the outbox, registered with `app.timer` beside the HTTP functions: in Azure the
 * Functions host runs it on schedule (on one instance at a time), so deliveries a stopped or frozen instance left
 * behind are picked up after a restart; `conduit serve` runs the same registration locally.
 */
import type { InvocationContext, Timer, TimerFunctionOptions } from "@azure/functions";
import { configureWebhooks, drain, stopWebhooks } from "./runtime.js";
import { drainSchedule, readWebhookSettings } from "./settings.js";

export const DRAIN_FUNCTION = "ConduitWebhookOutbox";

export interface TimerRegistration {
  readonly name: string;
  /** NCRONTAB, as `app.timer` takes it. */
  readonly schedule: string;
  /** The same schedule as an interval, for a host that runs timers itself. */
  readonly everyMs: number;
  readonly handler: (timer: Timer, context: InvocationContext) => Promise<void>;
}

export type TimerRegistrar = (name: string, options: TimerFunctionOptions) => void;

/**
 * With webhook triggers in the spec: validates the webhook settings (a wrong one throws SettingsError and the app
 * does not start), sets up delivery, and registers the drain. Without any: nothing.
 */
export function registerWebhookTimers(
  registrar: TimerRegistrar,
  triggers: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): readonly TimerRegistration[] {
  if (Object.keys(triggers).length === 0) return [];
  const settings = readWebhookSettings(env);
  configureWebhooks(settings);
  const registration: TimerRegistration = {
    name: DRAIN_FUNCTION,
    schedule: drainSchedule(settings.drainSeconds),
    everyMs: settings.drainSeconds * 1000,
    handler: async (_timer, context) => {
      const report = await drain();
      if (report.resumed > 0) context.log(`webhook outbox: ${report.resumed} deliveries resumed of ${report.events} events`);
      if (report.failed > 0) context.warn(`webhook outbox: ${report.failed} deliveries were given up (rows with failed = true in the webhookoutbox table)`);
    },
  };
  registrar(registration.name, { schedule: registration.schedule, handler: registration.handler });
  return [registration];
}

/** How long deliveries in flight may take to finish when the app stops (the host's grace period is longer). */
const TERMINATE_GRACE_MS = 1_500;

export type TerminateRegistrar = (handler: () => Promise<void>) => void;

/**
 * With webhook triggers: registers what a graceful stop runs (`app.hook.appTerminate` in Azure), and returns it
 * for a host outside Azure (`conduit serve`, `conduit dev`), where the hook is not called.
 */
export function registerWebhookTerminate(registrar: TerminateRegistrar, triggers: Readonly<Record<string, unknown>>): (() => Promise<void>) | undefined {
  if (Object.keys(triggers).length === 0) return undefined;
  const terminate = () => stopWebhooks(TERMINATE_GRACE_MS);
  registrar(terminate);
  return terminate;
}
