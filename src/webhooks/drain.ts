/**
 * The drain: what the timer function runs. It hands the deliverer every delivery whose lease ran out (an instance
 * stopped mid-delivery, or was frozen between requests), finishes a fan-out a crash interrupted, and removes event
 * rows with no delivery left. Nothing here depends on which instance queued an event.
 */
import type { Deliverer } from "./deliverer.js";
import { claim, finishFanOut, readEvent, removeEvent, scan, type Delivery, type Recipient } from "./outbox.js";
import { getSubscription } from "./subscriptions.js";

export interface DrainReport {
  /** Events in the outbox when the drain looked. */
  readonly events: number;
  /** Deliveries taken over and attempted. */
  readonly resumed: number;
  /** Deliveries given up earlier, kept as dead letters. */
  readonly failed: number;
}

export async function drainOutbox(deliverer: Deliverer, now: number = Date.now()): Promise<DrainReport> {
  const events = await scan();
  const resumed: Delivery[] = [];
  let failed = 0;
  for (const event of events) {
    failed += event.deliveries.filter((d) => d.failed).length;
    const age = now - (Date.parse(event.occurredAt ?? "") || 0);
    if (event.trigger === undefined) continue; // delivery rows whose event row is being written, or was removed by hand
    if (event.fannedOut === false && age > deliverer.leaseMs) {
      const full = await readEvent(event.eventId);
      if (full !== undefined) {
        const recipients: Recipient[] = [];
        for (const id of full.recipients ?? []) {
          const subscription = await getSubscription(full.event.trigger, id);
          if (subscription !== undefined) recipients.push({ subscriptionId: id, callbackUrl: subscription.callbackUrl });
        }
        const existing = new Set(event.deliveries.map((d) => d.subscriptionId));
        resumed.push(...(await finishFanOut(full.event, recipients, existing, now + deliverer.leaseMs)));
      }
    }
    const due = event.deliveries.filter((d) => !d.failed && d.leaseUntil <= now);
    if (due.length === 0) {
      if (event.deliveries.length === 0 && event.fannedOut === true && age > deliverer.leaseMs) await removeEvent(event.eventId);
      continue;
    }
    const full = await readEvent(event.eventId);
    if (full === undefined) continue;
    for (const row of due) {
      const delivery: Delivery = { ...full.event, subscriptionId: row.subscriptionId, callbackUrl: row.callbackUrl, attempts: row.attempts, leaseUntil: row.leaseUntil, etag: row.etag };
      if (await claim(delivery, now + deliverer.leaseMs)) resumed.push(delivery);
    }
  }
  await deliverer.start(resumed);
  return { events: events.length, resumed: resumed.length, failed };
}
