/**
 * The subscription store, in Azure Table storage: one partition per trigger (notify reads one partition), one
 * row per subscription. A subscription belongs to whoever made it (tenant and object id from the token), and only
 * they can see or delete it. Its id is derived from the trigger, the owner, the callback URL and the trigger's
 * inputs, so the same callback subscribed twice is one subscription (Power Automate retries a subscribe that
 * timed out), while a flow whose trigger inputs changed gets a new one and can delete the old one safely.
 */
import { createHash } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import { isTableMissing } from "../storage/errors.js";
import { isUsableKey, storageStatus, tablesSdk, withTable } from "../storage/tables.js";
import { joinText, splitText } from "./chunks.js";

export const SUBSCRIPTIONS_TABLE = "webhooksubscriptions";

/** Who a subscription belongs to. Without an OAuth requirement on the trigger, every caller is the same owner. */
export interface Owner {
  readonly tenantId: string;
  readonly objectId: string;
  /** The sign-in name when the token had one (`preferred_username` / `upn`): events "to me" match on it. */
  readonly userPrincipalName?: string | undefined;
}

export const ANONYMOUS: Owner = { tenantId: "", objectId: "" };

export interface Subscription<Parameters = unknown> {
  readonly id: string;
  readonly trigger: string;
  readonly owner: Owner;
  /** Where events go; it carries the flow's signature in its query: never log it whole. */
  readonly callbackUrl: string;
  /** The subscribe request's inputs as the trigger received them: `{ path, query, body }`. */
  readonly parameters: Parameters;
  readonly createdAt: string;
}

interface SubscriptionEntity {
  partitionKey: string;
  rowKey: string;
  ownerTenantId: string;
  ownerObjectId: string;
  ownerUserPrincipalName?: string;
  callbackUrl: string;
  createdAt: string;
  [parameters: string]: unknown;
}

export interface NewSubscription {
  readonly trigger: string;
  readonly owner: Owner;
  readonly callbackUrl: string;
  readonly parameters: unknown;
}

/** The same trigger, owner, callback and inputs: the same id. */
export function subscriptionId(input: NewSubscription): string {
  const identity = JSON.stringify([input.trigger, input.owner.tenantId.toLowerCase(), input.owner.objectId.toLowerCase(), input.callbackUrl, canonical(input.parameters)]);
  return createHash("sha256").update(identity).digest("hex").slice(0, 32);
}

/** JSON with object keys sorted, so that `{a, b}` and `{b, a}` are the same inputs. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
}

/** Stores the subscription; a duplicate of an existing one returns that one (`created: false`). */
export async function saveSubscription(input: NewSubscription, now: Date = new Date()): Promise<{ subscription: Subscription; created: boolean }> {
  const id = subscriptionId(input);
  const entity: SubscriptionEntity = {
    partitionKey: input.trigger,
    rowKey: id,
    ownerTenantId: input.owner.tenantId,
    ownerObjectId: input.owner.objectId,
    callbackUrl: input.callbackUrl,
    createdAt: now.toISOString(),
    ...splitText("parameters", JSON.stringify(input.parameters ?? {}), "the subscription's inputs"),
  };
  if (input.owner.userPrincipalName !== undefined) entity.ownerUserPrincipalName = input.owner.userPrincipalName;
  // withTable: a table deleted under the app is made again, and storage that does not answer is a 503.
  return withTable(SUBSCRIPTIONS_TABLE, async (client) => {
    try {
      await client.createEntity(entity);
      return { subscription: toSubscription(entity), created: true };
    } catch (error) {
      if (storageStatus(error) !== 409) throw error;
      const existing = await read(client, input.trigger, id);
      return { subscription: existing ?? toSubscription(entity), created: false };
    }
  });
}

/** The subscriptions of one trigger, for notify. */
export async function listSubscriptions(trigger: string): Promise<Subscription[]> {
  const { odata } = await tablesSdk();
  return withTable(SUBSCRIPTIONS_TABLE, async (client) => {
    const out: Subscription[] = [];
    for await (const entity of client.listEntities<SubscriptionEntity>({ queryOptions: { filter: odata`PartitionKey eq ${trigger}` } })) {
      out.push(toSubscription(entity));
    }
    return out;
  });
}

/** One owner's subscriptions (of the given triggers, or all): nobody else's. */
export async function listOwnSubscriptions(owner: Owner, triggers?: readonly string[]): Promise<Subscription[]> {
  const { odata } = await tablesSdk();
  const filter = odata`ownerTenantId eq ${owner.tenantId} and ownerObjectId eq ${owner.objectId}`;
  return withTable(SUBSCRIPTIONS_TABLE, async (client) => {
    const out: Subscription[] = [];
    for await (const entity of client.listEntities<SubscriptionEntity>({ queryOptions: { filter } })) {
      if (triggers === undefined || triggers.includes(entity.partitionKey)) out.push(toSubscription(entity));
    }
    return out;
  });
}

export async function getSubscription(trigger: string, id: string): Promise<Subscription | undefined> {
  if (!isUsableKey(id) || !isUsableKey(trigger)) return undefined;
  return withTable(SUBSCRIPTIONS_TABLE, (client) => read(client, trigger, id));
}

/**
 * Deletes the owner's subscription with this id, looked for under each of the triggers an unsubscribe operation
 * serves. False when there is none, or it is someone else's: the caller cannot tell the two apart.
 */
export async function deleteOwnSubscription(triggers: readonly string[], id: string, owner: Owner): Promise<boolean> {
  if (!isUsableKey(id)) return false;
  return withTable(SUBSCRIPTIONS_TABLE, async (client) => {
    for (const trigger of triggers) {
      let entity: SubscriptionEntity & { etag: string };
      try {
        entity = await client.getEntity<SubscriptionEntity>(trigger, id);
      } catch (error) {
        if (storageStatus(error) === 404 && !isTableMissing(error)) continue;
        throw error;
      }
      if (!sameOwner(entity, owner)) return false;
      try {
        await client.deleteEntity(trigger, id, { etag: entity.etag });
      } catch (error) {
        const status = storageStatus(error);
        // Gone meanwhile (the owner's other request, or a delivery that found the flow gone): deleted all the same.
        if (status !== 404 && status !== 412) throw error;
      }
      return true;
    }
    return false;
  });
}

/** Removes a subscription whatever its owner: a delivery found its flow gone (404 or 410). */
export async function removeSubscription(trigger: string, id: string): Promise<void> {
  await withTable(SUBSCRIPTIONS_TABLE, async (client) => {
    try {
      await client.deleteEntity(trigger, id);
    } catch (error) {
      if (storageStatus(error) !== 404 || isTableMissing(error)) throw error;
    }
  });
}

function sameOwner(entity: SubscriptionEntity, owner: Owner): boolean {
  return entity.ownerTenantId.toLowerCase() === owner.tenantId.toLowerCase() && entity.ownerObjectId.toLowerCase() === owner.objectId.toLowerCase();
}

async function read(client: TableClient, trigger: string, id: string): Promise<Subscription | undefined> {
  try {
    return toSubscription(await client.getEntity<SubscriptionEntity>(trigger, id));
  } catch (error) {
    if (storageStatus(error) === 404 && !isTableMissing(error)) return undefined;
    throw error;
  }
}

function toSubscription(entity: SubscriptionEntity): Subscription {
  let parameters: unknown = {};
  try {
    parameters = JSON.parse(joinText(entity, "parameters") ?? "{}");
  } catch {
    parameters = {};
  }
  const owner: Owner = {
    tenantId: entity.ownerTenantId,
    objectId: entity.ownerObjectId,
    ...(typeof entity.ownerUserPrincipalName === "string" ? { userPrincipalName: entity.ownerUserPrincipalName } : {}),
  };
  return { id: entity.rowKey, trigger: entity.partitionKey, owner, callbackUrl: entity.callbackUrl, parameters, createdAt: entity.createdAt };
}
