/**
 * The outbox, in Azure Table storage: what notify queued and no callback has confirmed yet. One partition per
 * event: an `event` row with the payload, and a `d-<subscription>` row per delivery with its attempts and lease.
 * A row is leased to whoever works on it (`leaseUntil`); a delivery whose lease ran out (its instance stopped,
 * or is busy elsewhere) is taken over by the drain. Rows go when delivered; a delivery given up stays, marked
 * failed, as a dead letter with its reason.
 */
import type { TableClient, TransactionAction } from "@azure/data-tables";
import { storageStatus, table } from "../storage/tables.js";
import { joinText, splitText } from "./chunks.js";

export const OUTBOX_TABLE = "webhookoutbox";
export const EVENT_ROW = "event";
const DELIVERY_PREFIX = "d-";
/** The Table service takes at most 100 operations per transaction. */
const TRANSACTION_SIZE = 100;

export interface Recipient {
  readonly subscriptionId: string;
  readonly callbackUrl: string;
}

export interface QueuedEvent {
  readonly eventId: string;
  readonly trigger: string;
  /** The event as sent: JSON text. */
  readonly payload: string;
  readonly occurredAt: string;
}

/** One delivery as the deliverer works on it. */
export interface Delivery extends QueuedEvent, Recipient {
  /** Attempts made so far. */
  attempts: number;
  leaseUntil: number;
  etag: string;
}

interface EventEntity {
  partitionKey: string;
  rowKey: string;
  trigger: string;
  occurredAt: string;
  /** False while the delivery rows are being written (more than one transaction): the drain finishes the job. */
  fannedOut: boolean;
  [chunks: string]: unknown;
}

// A type, not an interface: transaction actions want a record, which interfaces are not assignable to.
type DeliveryEntity = {
  partitionKey: string;
  rowKey: string;
  trigger: string;
  subscriptionId: string;
  callbackUrl: string;
  attempts: number;
  leaseUntil: string;
  failed?: boolean;
  lastError?: string;
};

export function deliveryRow(subscriptionId: string): string {
  return `${DELIVERY_PREFIX}${subscriptionId}`;
}

/**
 * Queues an event for its recipients, leased to the caller until `leaseUntil`. The first transaction holds the
 * event row and up to 99 deliveries: with fewer than 100 recipients that is all of it, all or nothing. With more,
 * the event row also lists every recipient (so that a crash before the rest is written leaves the drain enough
 * to finish), the rest follows in transactions of 100, and the event row is marked done. `started` gets each
 * batch as soon as it is stored, so that its deliveries need not wait for the rest. Resolves to every delivery,
 * or to undefined when this event id was queued before (notify called twice with the same id).
 */
export async function enqueue(
  event: QueuedEvent,
  recipients: readonly Recipient[],
  leaseUntil: number,
  started: (batch: Delivery[]) => void = () => {},
): Promise<Delivery[] | undefined> {
  const client = await table(OUTBOX_TABLE);
  const payload = splitText("payload", event.payload, "the event");
  const head: EventEntity = { partitionKey: event.eventId, rowKey: EVENT_ROW, trigger: event.trigger, occurredAt: event.occurredAt, fannedOut: true, ...payload };
  const rows = recipients.map((r) => deliveryEntity(event, r, leaseUntil));
  const first = rows.slice(0, TRANSACTION_SIZE - 1);
  const rest = rows.slice(TRANSACTION_SIZE - 1);
  const opening: EventEntity = rest.length === 0
    ? head
    : { ...head, fannedOut: false, ...splitText("recipients", JSON.stringify(recipients.map((r) => r.subscriptionId)), "the list of recipients") };
  let queued: Delivery[];
  try {
    const result = await client.submitTransaction([["create", opening], ...first.map((row): TransactionAction => ["create", row])]);
    queued = first.map((row) => toDelivery(event, row, result.getResponseForEntity(row.rowKey)?.etag ?? "*"));
  } catch (error) {
    if (storageStatus(error) === 409) return undefined;
    throw error;
  }
  started(queued);
  if (rest.length === 0) return queued;
  for (let start = 0; start < rest.length; start += TRANSACTION_SIZE) {
    const batch = await writeDeliveries(client, event, rest.slice(start, start + TRANSACTION_SIZE));
    started(batch);
    queued = queued.concat(batch);
  }
  await client.updateEntity(head, "Replace");
  return queued;
}

function deliveryEntity(event: QueuedEvent, recipient: Recipient, leaseUntil: number): DeliveryEntity {
  return {
    partitionKey: event.eventId,
    rowKey: deliveryRow(recipient.subscriptionId),
    trigger: event.trigger,
    subscriptionId: recipient.subscriptionId,
    callbackUrl: recipient.callbackUrl,
    attempts: 0,
    leaseUntil: new Date(leaseUntil).toISOString(),
  };
}

/** Upserts in transactions of 100: writing them again (the drain finishing a fan-out) is harmless. */
async function writeDeliveries(client: TableClient, event: QueuedEvent, rows: readonly DeliveryEntity[]): Promise<Delivery[]> {
  const out: Delivery[] = [];
  for (let start = 0; start < rows.length; start += TRANSACTION_SIZE) {
    const batch = rows.slice(start, start + TRANSACTION_SIZE);
    const result = await client.submitTransaction(batch.map((row): TransactionAction => ["upsert", row, "Replace"]));
    for (const row of batch) out.push(toDelivery(event, row, result.getResponseForEntity(row.rowKey)?.etag ?? "*"));
  }
  return out;
}

function toDelivery(event: QueuedEvent, row: DeliveryEntity, etag: string): Delivery {
  return { ...event, subscriptionId: row.subscriptionId, callbackUrl: row.callbackUrl, attempts: row.attempts, leaseUntil: Date.parse(row.leaseUntil), etag };
}

/**
 * Takes the lease of a delivery (until `leaseUntil`), if nobody changed it since `etag` was read. False when
 * someone else has it, or it is gone.
 */
export async function claim(delivery: Delivery, leaseUntil: number): Promise<boolean> {
  return write(delivery, { leaseUntil: new Date(leaseUntil).toISOString() }, leaseUntil);
}

/** After a failed attempt: counts it and parks the delivery until `leaseUntil` (the retry, plus its lease). */
export async function reschedule(delivery: Delivery, attempts: number, leaseUntil: number, lastError: string): Promise<boolean> {
  return write(delivery, { attempts, leaseUntil: new Date(leaseUntil).toISOString(), lastError }, leaseUntil, attempts);
}

/** Given up: the row stays as a dead letter, never leased again. */
export async function markFailed(delivery: Delivery, attempts: number, reason: string): Promise<void> {
  await write(delivery, { attempts, failed: true, lastError: reason, leaseUntil: new Date(8.64e15).toISOString() }, Number.MAX_SAFE_INTEGER, attempts);
}

async function write(delivery: Delivery, changes: Partial<DeliveryEntity>, leaseUntil: number, attempts = delivery.attempts): Promise<boolean> {
  const client = await table(OUTBOX_TABLE);
  try {
    const result = await client.updateEntity({ partitionKey: delivery.eventId, rowKey: deliveryRow(delivery.subscriptionId), ...changes }, "Merge", { etag: delivery.etag });
    delivery.etag = result.etag ?? delivery.etag;
    delivery.leaseUntil = leaseUntil;
    delivery.attempts = attempts;
    return true;
  } catch (error) {
    const status = storageStatus(error);
    if (status === 412 || status === 404) return false;
    throw error;
  }
}

/** Delivered (or its subscription is gone): the row goes, whoever holds it now. */
export async function complete(delivery: Pick<Delivery, "eventId" | "subscriptionId">): Promise<void> {
  const client = await table(OUTBOX_TABLE);
  await deleteQuietly(client, delivery.eventId, deliveryRow(delivery.subscriptionId));
}

/**
 * Completions of the same event, removed together: deliveries to one event's subscribers finish within
 * milliseconds of each other, and one transaction of up to 100 deletes costs about what one delete does. A batch
 * waits at most `windowMs` (a crash inside that window means those deliveries are sent again: at least once).
 */
export class CompletionBatcher {
  private readonly pending = new Map<string, { rows: string[]; done: { resolve: () => void; reject: (error: unknown) => void }[] }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly windowMs = 10) {}

  complete(delivery: Pick<Delivery, "eventId" | "subscriptionId">): Promise<void> {
    const entry = this.pending.get(delivery.eventId) ?? { rows: [], done: [] };
    this.pending.set(delivery.eventId, entry);
    entry.rows.push(deliveryRow(delivery.subscriptionId));
    this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
    return new Promise((resolve, reject) => entry.done.push({ resolve, reject }));
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const batches = [...this.pending];
    this.pending.clear();
    await Promise.all(
      batches.map(async ([eventId, { rows, done }]) => {
        try {
          const client = await table(OUTBOX_TABLE);
          for (let start = 0; start < rows.length; start += TRANSACTION_SIZE) {
            const chunk = rows.slice(start, start + TRANSACTION_SIZE);
            try {
              await client.submitTransaction(chunk.map((rowKey): TransactionAction => ["delete", { partitionKey: eventId, rowKey }]));
            } catch (error) {
              // One row already gone (the drain delivered it too) fails the whole transaction: remove them one by one.
              if (storageStatus(error) !== 404) throw error;
              for (const rowKey of chunk) await deleteQuietly(client, eventId, rowKey);
            }
          }
          for (const { resolve } of done) resolve();
        } catch (error) {
          for (const { reject } of done) reject(error);
        }
      }),
    );
  }
}

/** The event row goes once no delivery of it is left. */
export async function removeEvent(eventId: string): Promise<void> {
  await deleteQuietly(await table(OUTBOX_TABLE), eventId, EVENT_ROW);
}

async function deleteQuietly(client: TableClient, partitionKey: string, rowKey: string): Promise<void> {
  try {
    await client.deleteEntity(partitionKey, rowKey);
  } catch (error) {
    if (storageStatus(error) !== 404) throw error;
  }
}

/** What the drain sees of the outbox: every event with its deliveries, payloads left out. */
export interface OutboxEvent {
  readonly eventId: string;
  readonly trigger: string | undefined;
  readonly occurredAt: string | undefined;
  readonly fannedOut: boolean | undefined;
  readonly deliveries: readonly OutboxDelivery[];
}

export interface OutboxDelivery {
  readonly subscriptionId: string;
  readonly callbackUrl: string;
  readonly attempts: number;
  readonly leaseUntil: number;
  readonly failed: boolean;
  readonly lastError: string | undefined;
  readonly etag: string;
}

export async function scan(): Promise<OutboxEvent[]> {
  const client = await table(OUTBOX_TABLE);
  const events = new Map<string, { head?: Record<string, unknown>; deliveries: OutboxDelivery[] }>();
  const select = ["PartitionKey", "RowKey", "trigger", "occurredAt", "fannedOut", "subscriptionId", "callbackUrl", "attempts", "leaseUntil", "failed", "lastError"];
  for await (const entity of client.listEntities<Record<string, unknown>>({ queryOptions: { select } })) {
    const eventId = String(entity["partitionKey"]);
    const group = events.get(eventId) ?? { deliveries: [] };
    events.set(eventId, group);
    if (entity["rowKey"] === EVENT_ROW) group.head = entity;
    else if (typeof entity["subscriptionId"] === "string" && typeof entity["callbackUrl"] === "string") {
      group.deliveries.push({
        subscriptionId: entity["subscriptionId"],
        callbackUrl: entity["callbackUrl"],
        attempts: typeof entity["attempts"] === "number" ? entity["attempts"] : 0,
        leaseUntil: Date.parse(String(entity["leaseUntil"] ?? "")) || 0,
        failed: entity["failed"] === true,
        lastError: typeof entity["lastError"] === "string" ? entity["lastError"] : undefined,
        etag: String(entity["etag"] ?? "*"),
      });
    }
  }
  return [...events].map(([eventId, group]) => ({
    eventId,
    trigger: typeof group.head?.["trigger"] === "string" ? group.head["trigger"] : undefined,
    occurredAt: typeof group.head?.["occurredAt"] === "string" ? group.head["occurredAt"] : undefined,
    fannedOut: typeof group.head?.["fannedOut"] === "boolean" ? group.head["fannedOut"] : undefined,
    deliveries: group.deliveries,
  }));
}

/** The event row in full: its payload, and the recipients of an unfinished fan-out. */
export async function readEvent(eventId: string): Promise<{ event: QueuedEvent; recipients: string[] | undefined } | undefined> {
  const client = await table(OUTBOX_TABLE);
  let entity: EventEntity;
  try {
    entity = await client.getEntity<EventEntity>(eventId, EVENT_ROW);
  } catch (error) {
    if (storageStatus(error) === 404) return undefined;
    throw error;
  }
  const payload = joinText(entity, "payload");
  if (payload === undefined) return undefined;
  const list = joinText(entity, "recipients");
  let recipients: string[] | undefined;
  if (list !== undefined) {
    try {
      const parsed: unknown = JSON.parse(list);
      recipients = Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string") : [];
    } catch {
      recipients = [];
    }
  }
  return { event: { eventId, trigger: entity.trigger, payload, occurredAt: entity.occurredAt }, recipients };
}

/** Finishes a fan-out a crash interrupted: writes the delivery rows still missing, then marks the event done. */
export async function finishFanOut(event: QueuedEvent, recipients: readonly Recipient[], existing: ReadonlySet<string>, leaseUntil: number): Promise<Delivery[]> {
  const client = await table(OUTBOX_TABLE);
  const rows = recipients.filter((r) => !existing.has(r.subscriptionId)).map((r) => deliveryEntity(event, r, leaseUntil));
  const deliveries = await writeDeliveries(client, event, rows);
  const head: EventEntity = { partitionKey: event.eventId, rowKey: EVENT_ROW, trigger: event.trigger, occurredAt: event.occurredAt, fannedOut: true, ...splitText("payload", event.payload, "the event") };
  await client.updateEntity(head, "Replace");
  return deliveries;
}
