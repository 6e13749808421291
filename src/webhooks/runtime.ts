/**
 * What generated/webhooks.ts builds on: subscribe and unsubscribe for the generated handlers, and `notify` for
 * your code. One instance per process (the deliverer with its concurrency bound), configured at start-up from the
 * app settings (src/index.ts), or from the environment on first use.
 */
import { randomUUID } from "node:crypto";
import type { CompiledValidator } from "../runtime/contract.js";
import { HttpProblemError } from "../runtime/errors.js";
import type { HandlerContext, TypedRequest } from "../runtime/handler.js";
import { checkCallbackUrl } from "./callback-policy.js";
import { TextTooLargeError } from "./chunks.js";
import { Deliverer, type DelivererOptions, type DeliveryLog } from "./deliverer.js";
import { drainOutbox, type DrainReport } from "./drain.js";
import { enqueue } from "./outbox.js";
import { readWebhookSettings, type WebhookSettings } from "./settings.js";
import { ANONYMOUS, deleteOwnSubscription, listSubscriptions, saveSubscription, type Owner, type Subscription } from "./subscriptions.js";

/** One webhook trigger, as generated/webhooks.ts describes it. */
export interface TriggerSpec {
  /** The subscribe operation's name. */
  readonly name: string;
  readonly kind: "single" | "batch";
  /** The subscribe operation's route (without the route prefix): where a request URL's API root is found. */
  readonly route: string;
  /** The property names from the body down to the callback URL (x-ms-notification-url). */
  readonly callback: readonly string[];
  /** The DELETE that unsubscribes: its route, and which of its path variables is the subscription id. */
  readonly unsubscribe?: { readonly route: string; readonly idParameter: string };
  /** The event's validator (x-ms-notification-content), compiled at generate time, loaded on first notify. */
  readonly event: () => Promise<CompiledValidator>;
}

/** What a subscription keeps of the subscribe request: the trigger's inputs. */
export type SubscriptionParameters<Request> = Request extends TypedRequest<infer P, infer Q, unknown, infer B> ? { readonly path: P; readonly query: Q; readonly body: B } : never;

export interface NotifyOptions<Parameters = unknown> {
  /** Only subscriptions for which this is true get the event: events "to me", or filtered by the trigger's inputs. */
  readonly where?: (subscription: Subscription<Parameters>) => boolean;
  /** The event's id (default: a new UUID), sent as `webhook-id`; notifying an id whose event is still in the outbox queues nothing. */
  readonly eventId?: string;
}

export interface NotifyResult {
  readonly eventId: string;
  /** How many subscriptions the event was queued for (0: nobody listens, nothing was stored). */
  readonly deliveries: number;
}

/** `notify.<Trigger>(event, options?)` for each trigger, typed by generated/webhooks.ts. */
export type Notifier<Events, Requests> = {
  readonly [K in keyof Events]: (event: Events[K], options?: NotifyOptions<K extends keyof Requests ? SubscriptionParameters<Requests[K]> : unknown>) => Promise<NotifyResult>;
};

/** notify was given an event its trigger's schema does not allow: a mistake in the calling code. */
export class EventSchemaError extends Error {
  constructor(
    readonly trigger: string,
    readonly problems: readonly string[],
  ) {
    super(`${trigger}: the event does not match its x-ms-notification-content schema: ${problems.join("; ")}`);
    this.name = "EventSchemaError";
  }
}

export interface SubscribeResult {
  readonly subscription: Subscription;
  /** The absolute URL of the subscription's DELETE, for the Location header (undefined without one). */
  readonly location: string | undefined;
  /** False when the same subscription existed already. */
  readonly created: boolean;
}

let configured: { settings: WebhookSettings; deliverer: Deliverer } | undefined;

/** Sets up this process's deliverer (src/index.ts, with the settings it validated at start-up). */
export function configureWebhooks(settings: WebhookSettings, options: Omit<DelivererOptions, "settings"> = {}): Deliverer {
  configured?.deliverer.stop();
  const deliverer = new Deliverer({ settings, ...options });
  configured = { settings, deliverer };
  return deliverer;
}

export function webhookDeliverer(): Deliverer {
  configured ??= (() => {
    const settings = readWebhookSettings();
    return { settings, deliverer: new Deliverer({ settings }) };
  })();
  return configured.deliverer;
}

/**
 * On a graceful stop (the host's appTerminate hook, and `conduit serve` and `conduit dev` as they stop or reload
 * the app): deliveries in flight get up to `graceMs`, and those waiting in this process go back to the outbox.
 */
export async function stopWebhooks(graceMs: number): Promise<void> {
  await configured?.deliverer.shutdown(graceMs);
}

/** The drain, for the timer function (and `conduit serve`, which runs the timer locally). */
export function drain(): Promise<DrainReport> {
  return drainOutbox(webhookDeliverer());
}

export function ownerOf(context: HandlerContext): Owner {
  const caller = context.caller;
  if (caller === undefined) return ANONYMOUS;
  return { tenantId: caller.tenantId, objectId: caller.objectId, ...(caller.userPrincipalName === undefined ? {} : { userPrincipalName: caller.userPrincipalName }) };
}

/**
 * Subscribes the caller's callback URL to a trigger. Refuses with 400 a URL the callback policy does not allow,
 * whatever the spec declares for the operation (HttpProblemError): such a request must never be stored.
 */
export async function subscribe(trigger: TriggerSpec, request: TypedRequest<unknown, unknown, unknown, unknown>, context: HandlerContext): Promise<SubscribeResult> {
  const callbackUrl = dig(request.body, trigger.callback);
  const pointer = `/${trigger.callback.map((key) => key.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
  if (typeof callbackUrl !== "string" || callbackUrl === "") {
    const field = ["body", ...trigger.callback].join(".");
    throw new HttpProblemError(400, `${field} must hold the callback URL.`, { errors: [{ in: "body", name: pointer, pointer, message: "is required" }] });
  }
  const deliverer = webhookDeliverer();
  const check = checkCallbackUrl(callbackUrl, deliverer.policy);
  if (!check.ok) {
    throw new HttpProblemError(400, `The callback URL is not allowed: ${check.reason}.`, { errors: [{ in: "body", name: pointer, pointer, message: check.reason }] });
  }
  const parameters = { path: request.path, query: request.query, body: request.body };
  let saved;
  try {
    saved = await saveSubscription({ trigger: trigger.name, owner: ownerOf(context), callbackUrl, parameters });
  } catch (error) {
    if (error instanceof TextTooLargeError) throw new HttpProblemError(413, `The subscription is too large to keep: ${error.message}.`);
    throw error;
  }
  return { ...saved, location: locationOf(trigger, saved.subscription.id, context) };
}

/** Deletes the caller's subscription; 404 when there is none, or it is not theirs (nobody can tell which). */
export async function unsubscribe(triggers: readonly string[], id: string, context: HandlerContext): Promise<void> {
  if (!(await deleteOwnSubscription(triggers, id, ownerOf(context)))) {
    throw new HttpProblemError(404, `You have no subscription with the id ${id}.`);
  }
}

/**
 * The absolute URL of the subscription's DELETE, under the route prefix the request came in on, on the app's
 * public origin (CONDUIT_PUBLIC_ORIGIN, WEBSITE_HOSTNAME), never on whatever the Host header said.
 */
function locationOf(trigger: TriggerSpec, id: string, context: HandlerContext): string | undefined {
  if (trigger.unsubscribe === undefined) return undefined;
  const url = new URL(context.publicUrl);
  const segments = url.pathname.replace(/\/+$/, "").split("/");
  const depth = trigger.route.split("/").filter((s) => s !== "").length;
  const root = segments.slice(0, Math.max(1, segments.length - depth)).join("/");
  const params = context.request.params;
  const route = trigger.unsubscribe.route.replace(/\{([^}:?]+)[^}]*\}/g, (_whole, name: string) =>
    encodeURIComponent(name === trigger.unsubscribe?.idParameter ? id : (params[name] ?? "")),
  );
  return new URL(`${root}/${route}`, url.origin).toString();
}

function dig(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const key of path) {
    if (typeof node !== "object" || node === null || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * A trigger's event validator from generated/events/<Trigger>.cjs (ajv's standalone code, compiled by `conduit generate`),
 * loaded with the first notify of any trigger: apps that never notify never parse it.
 */
export function lazyEvent(load: () => Promise<unknown>, name: string): () => Promise<CompiledValidator> {
  let loaded: Promise<CompiledValidator> | undefined;
  return () =>
    (loaded ??= load().then((module) => {
      const table = ((module as { default?: unknown }).default ?? module) as Readonly<Record<string, CompiledValidator | undefined>>;
      const validator = table[name];
      if (validator === undefined) throw new Error(`generated/events/${name}.cjs has no validator for ${name}: run \`npm run generate\` and \`npm run build\``);
      return validator;
    }));
}

/** `notify`: one function per trigger, the event checked against its schema, then queued for every match. */
export function createNotifier<Events, Requests>(triggers: Readonly<Record<string, TriggerSpec>>): Notifier<Events, Requests> {
  const notifier: Record<string, (event: unknown, options?: NotifyOptions) => Promise<NotifyResult>> = {};
  for (const [name, trigger] of Object.entries(triggers)) notifier[name] = (event, options) => notify(trigger, event, options);
  return notifier as Notifier<Events, Requests>;
}

async function notify(trigger: TriggerSpec, event: unknown, options: NotifyOptions = {}): Promise<NotifyResult> {
  const validate = await trigger.event();
  if (!validate(event)) {
    throw new EventSchemaError(trigger.name, (validate.errors ?? []).map((e) => `event${e.instancePath} ${e.message ?? e.keyword}`));
  }
  const eventId = options.eventId ?? randomUUID();
  const subscriptions = (await listSubscriptions(trigger.name)).filter((s) => options.where?.(s) ?? true);
  if (subscriptions.length === 0) return { eventId, deliveries: 0 };
  const deliverer = webhookDeliverer();
  deliverer.reserve(eventId, subscriptions.length);
  let started = 0;
  try {
    const queued = await enqueue(
      { eventId, trigger: trigger.name, payload: JSON.stringify(event), occurredAt: new Date().toISOString() },
      subscriptions.map((s) => ({ subscriptionId: s.id, callbackUrl: s.callbackUrl })),
      Date.now() + deliverer.leaseMs,
      // Each batch is sent as soon as it is stored. Not awaited: the caller's response does not wait for callbacks,
      // and the outbox keeps every delivery until it is done.
      (batch) => {
        started += batch.length;
        void deliverer.start(batch, { reserved: true });
      },
    );
    return { eventId, deliveries: queued?.length ?? 0 };
  } finally {
    deliverer.unreserve(eventId, subscriptions.length - started);
  }
}

export type { DeliveryLog, Owner, Subscription };
