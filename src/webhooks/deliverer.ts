/**
 * Works deliveries off in this process: at most `concurrency` POSTs at once, each attempt judged (retry.ts), a
 * retry parked in the outbox with its lease and timed here, a delivery done removed from the outbox. Whatever
 * this process does not finish (it stops, or is frozen between requests) stays leased in the outbox until the
 * lease runs out; then the drain hands it to whichever instance runs it.
 */
import { checkCallbackUrl, type CallbackPolicy } from "./callback-policy.js";
import { claim, CompletionBatcher, markFailed, removeEvent, reschedule, type Delivery } from "./outbox.js";
import { postJson } from "./post.js";
import { judge, type Verdict } from "./retry.js";
import type { WebhookSettings } from "./settings.js";
import { removeSubscription } from "./subscriptions.js";

export interface DeliveryLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface DelivererOptions {
  readonly settings: WebhookSettings;
  readonly log?: DeliveryLog;
  /** Called after each attempt (tests and the bench watch deliveries with it). */
  readonly onAttempt?: (delivery: Delivery, verdict: Verdict) => void;
  readonly random?: () => number;
}

/** A callback URL for the log: scheme, host and path; its query carries the flow's signature. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}${parsed.search ? "?…" : ""}`;
  } catch {
    return "(not a URL)";
  }
}

export class Deliverer {
  readonly policy: CallbackPolicy;
  /** How long a delivery stays ours after we take it: two attempts' time and a second. */
  readonly leaseMs: number;
  private readonly log: DeliveryLog;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Retries waiting in this process, with when they are due. */
  private readonly parked = new Map<NodeJS.Timeout, { delivery: Delivery; due: number }>();
  /** Attempts started and not yet settled (waiting for a slot, posting, or recording the verdict). */
  private readonly running = new Set<Promise<void>>();
  /** Deliveries not finished in this process, per event: the event row goes with the last. */
  private readonly open = new Map<string, { count: number; kept: boolean }>();
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;
  /** Shutting down: attempts not yet sent are handed back to the outbox instead. */
  private stopping = false;
  private readonly completions = new CompletionBatcher();

  constructor(private readonly options: DelivererOptions) {
    this.policy = { allowedHosts: options.settings.allowedHosts, allowLoopback: options.settings.allowLoopback };
    this.leaseMs = options.settings.timeoutMs * 2 + 1_000;
    this.log = options.log ?? consoleLog;
  }

  /**
   * Starts the deliveries; resolves when each has had its next attempt (a retry is then parked, not awaited).
   * The drain awaits it so that its invocation lasts as long as its work; notify does not.
   */
  start(deliveries: readonly Delivery[], options: { readonly reserved?: boolean } = {}): Promise<void> {
    for (const delivery of deliveries) {
      if (!options.reserved) this.reserve(delivery.eventId, 1);
      this.pending++;
    }
    return Promise.all(deliveries.map((delivery) => this.track(this.attempt(delivery)))).then(() => undefined);
  }

  /**
   * Counts `count` deliveries of an event as this process's before they are started (an event queued in several
   * batches): its event row is removed only after the last of them, not after the first batch.
   */
  reserve(eventId: string, count: number): void {
    const open = this.open.get(eventId) ?? { count: 0, kept: false };
    open.count += count;
    this.open.set(eventId, open);
  }

  /** Reserved deliveries that will not be started here after all: the event row stays, for the drain to judge. */
  unreserve(eventId: string, count: number): void {
    const open = this.open.get(eventId);
    if (open === undefined || count <= 0) return;
    open.kept = true;
    open.count -= count;
    if (open.count <= 0) this.open.delete(eventId);
  }

  /** Resolves when nothing is in flight or parked in this process. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops timing retries; what is parked stays in the outbox for the drain. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.parked.keys()) clearTimeout(timer);
    this.parked.clear();
    this.pending = 0;
    this.open.clear();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /**
   * A graceful stop (the app is shut down, or `conduit dev` reloads it): no attempt starts any more; attempts in
   * flight get up to `graceMs` for their answer and its record; every delivery this process holds but will not
   * attempt goes back to the outbox leased only until it is due (now, or its retry's time), so that the next drain,
   * here or in the app that replaces this one, takes it then rather than after the lease. An attempt still in
   * flight at the deadline keeps its lease: the drain sends it again once that runs out (at least once).
   */
  async shutdown(graceMs: number): Promise<void> {
    if (this.stopped) return;
    this.stopping = true;
    const parked = [...this.parked];
    for (const [timer] of parked) clearTimeout(timer);
    this.parked.clear();
    await Promise.all(parked.map(([, { delivery, due }]) => this.handBack(delivery, due)));
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.running]),
      new Promise<void>((resolve) => (timeout = setTimeout(resolve, graceMs))),
    ]);
    clearTimeout(timeout);
    this.stop();
  }

  private track(attempt: Promise<void>): Promise<void> {
    this.running.add(attempt);
    void attempt.finally(() => this.running.delete(attempt));
    return attempt;
  }

  /** Leaves a delivery to the outbox, due at `due`; its event row stays for the drain. */
  private async handBack(delivery: Delivery, due: number): Promise<void> {
    this.keepEvent(delivery.eventId);
    try {
      await claim(delivery, due);
    } catch (error) {
      this.log.warn(`webhook delivery ${delivery.eventId} to subscription ${delivery.subscriptionId}: could not be handed back (${error instanceof Error ? error.message : String(error)}); the drain takes it when its lease runs out`);
    }
    await this.done(delivery.eventId);
  }

  private async attempt(delivery: Delivery): Promise<void> {
    let finished = true;
    try {
      // The bound is on POSTs in flight: the slot is held for the request, not for the bookkeeping after it.
      let verdict: Verdict | undefined;
      await this.acquire();
      try {
        if (this.stopped) return;
        if (this.stopping) {
          finished = false; // handBack counts it done
          await this.handBack(delivery, Date.now());
          return;
        }
        // Waited in line past the lease's safe margin: make sure the delivery is still ours before sending it.
        if (Date.now() + this.options.settings.timeoutMs > delivery.leaseUntil && !(await claim(delivery, Date.now() + this.leaseMs))) {
          this.keepEvent(delivery.eventId); // someone else has it now, and the event row with it
          return;
        }
        verdict = await this.send(delivery);
      } finally {
        this.release();
      }
      this.options.onAttempt?.(delivery, verdict);
      finished = await this.settle(delivery, verdict);
    } catch (error) {
      // Storage failed us: the delivery stays leased in the outbox and the drain takes it up when the lease ends.
      this.log.error(`webhook delivery ${delivery.eventId} to subscription ${delivery.subscriptionId}: ${error instanceof Error ? error.message : String(error)}; the drain will retry it`);
      this.keepEvent(delivery.eventId);
    } finally {
      if (finished) await this.done(delivery.eventId);
    }
  }

  private async send(delivery: Delivery): Promise<Verdict> {
    const attempt = delivery.attempts + 1;
    // The setting may have changed since the subscription was made: the URL is checked at every attempt.
    const check = checkCallbackUrl(delivery.callbackUrl, this.policy);
    if (!check.ok) return { kind: "failed", reason: check.reason };
    const outcome = await postJson(check.url, delivery.payload, {
      timeoutMs: this.options.settings.timeoutMs,
      policy: this.policy,
      headers: {
        "webhook-id": delivery.eventId,
        "webhook-timestamp": String(Math.floor(Date.parse(delivery.occurredAt) / 1000)),
        "user-agent": "conduit-webhooks",
      },
    });
    return judge(outcome, attempt, this.options.settings.maxAttempts, this.options.random);
  }

  /** Records the verdict; true when the delivery is finished in this process. */
  private async settle(delivery: Delivery, verdict: Verdict): Promise<boolean> {
    const attempts = delivery.attempts + 1;
    const where = `${delivery.trigger} event ${delivery.eventId} to ${redact(delivery.callbackUrl)} (subscription ${delivery.subscriptionId})`;
    switch (verdict.kind) {
      case "delivered":
        await this.completions.complete(delivery);
        return true;
      case "gone":
        this.log.info(`${where}: the callback answered ${verdict.status}; the flow is gone, so is its subscription`);
        await removeSubscription(delivery.trigger, delivery.subscriptionId);
        await this.completions.complete(delivery);
        return true;
      case "failed":
        this.log.error(`${where}: given up after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${verdict.reason}`);
        await markFailed(delivery, attempts, verdict.reason);
        this.keepEvent(delivery.eventId);
        return true;
      case "retry": {
        this.log.warn(`${where}: attempt ${attempts} failed (${verdict.reason}); next in ${(verdict.delayMs / 1000).toFixed(1)} s`);
        const due = Date.now() + verdict.delayMs;
        // Shutting down, the retry is the drain's: leased only until it is due.
        if (!(await reschedule(delivery, attempts, this.stopping ? due : due + this.leaseMs, verdict.reason))) {
          this.keepEvent(delivery.eventId); // someone else has it now
          return true;
        }
        if (this.stopped || this.stopping) {
          this.keepEvent(delivery.eventId);
          return true;
        }
        const timer = setTimeout(() => {
          this.parked.delete(timer);
          void this.track(this.attempt(delivery));
        }, verdict.delayMs);
        // A parked retry must not keep a process alive that is otherwise done: the outbox has it.
        timer.unref();
        this.parked.set(timer, { delivery, due });
        return false;
      }
    }
  }

  private keepEvent(eventId: string): void {
    const open = this.open.get(eventId);
    if (open) open.kept = true;
  }

  private async done(eventId: string): Promise<void> {
    const open = this.open.get(eventId);
    if (open) {
      open.count--;
      if (open.count <= 0) {
        this.open.delete(eventId);
        if (!open.kept) {
          try {
            await removeEvent(eventId);
          } catch (error) {
            this.log.warn(`webhook event ${eventId}: the outbox row could not be removed (${error instanceof Error ? error.message : String(error)}); the drain will`);
          }
        }
      }
    }
    if (this.pending > 0) this.pending--;
    if (this.pending === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  // A counting semaphore: bounded concurrency needs no more than this.
  private acquire(): Promise<void> {
    if (this.active < this.options.settings.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(() => resolve()));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

const consoleLog: DeliveryLog = {
  info: (message) => console.info(message),
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};
