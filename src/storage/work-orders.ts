import type { TableClient, TableEntityResult } from "@azure/data-tables";
import type { components, Readable, Writable } from "../../generated/types.js";
import { newestFirstId } from "./ids.js";
import { fromSkipToken, toSkipToken } from "./paging.js";
import { setTimeout as sleep } from "node:timers/promises";
import { assertEntityFits } from "./entity-size.js";
import { isTableMissing, storageStatus } from "./errors.js";
import { isUsableKey, tablesSdk, withTable } from "./tables.js";

export type WorkOrder = Readable<components["schemas"]["WorkOrder"]>;
export type NewWorkOrder = Writable<components["schemas"]["NewWorkOrder"]>;
export type WorkOrderChanges = Writable<components["schemas"]["WorkOrderChanges"]>;
type Status = components["schemas"]["Status"];
type Priority = components["schemas"]["Priority"];

export const WORK_ORDERS_TABLE = "workorders";
// One partition: the sample's volumes are small, and one partition keeps paging in key order (newest first, ids.ts).
const PARTITION = "workorder";
/** A filtered page can come back short (the service stops at its scan limits); ask again for the rest, within reason. */
const MAX_ROUND_TRIPS = 5;
/**
 * Without If-Match the caller wants the change made: the read-merge-write is tried again while other writers get in
 * between, for this long at most, then the caller is told to retry later (503 with Retry-After).
 */
export const WRITE_DEADLINE_MS = 10_000;
/** Waits between attempts: a random time up to base × 2^attempt, at most the cap ("full jitter"), so writers spread out. */
const BACKOFF_BASE_MS = 4;
const BACKOFF_CAP_MS = 250;

/** The entity as stored: the work order's fields, flat, as Table storage keeps them. */
interface WorkOrderEntity {
  partitionKey: string;
  rowKey: string;
  title: string;
  description?: string;
  status: Status;
  priority: Priority;
  assignedTo?: string;
  customerName: string;
  siteAddress: string;
  scheduledFor?: string;
  estimatedHours?: number;
  createdAt: string;
  updatedAt: string;
}

export interface WorkOrderFilter {
  readonly status?: Status | undefined;
  /** Any of these priorities. */
  readonly priorities?: readonly Priority[] | undefined;
  readonly assignedTo?: string | undefined;
}

export interface WorkOrderPage {
  readonly items: WorkOrder[];
  /** The skipToken of the next page; undefined on the last page. */
  readonly skipToken: string | undefined;
}

/** The skipToken is not one this API gave out (a hand-made or truncated nextLink). */
export class InvalidContinuationTokenError extends Error {
  constructor() {
    super("the page token is not valid");
    this.name = "InvalidContinuationTokenError";
  }
}

/** One page of work orders matching the filter, newest first, at most `pageSize` long; `skipToken` continues a page. */
export async function listWorkOrders(filter: WorkOrderFilter, pageSize: number, skipToken?: string): Promise<WorkOrderPage> {
  let continuationToken: string | undefined;
  if (skipToken !== undefined) {
    continuationToken = fromSkipToken(skipToken);
    if (continuationToken === undefined) throw new InvalidContinuationTokenError();
  }
  const filterText = await filterExpression(filter);
  const start = continuationToken;
  return withTable(WORK_ORDERS_TABLE, async (client) => {
    let token = start;
    const query = client.listEntities<WorkOrderEntity>({ queryOptions: { filter: filterText } });
    const items: WorkOrder[] = [];
    for (let trip = 1; ; trip++) {
      // Asking for exactly what is missing means the service's continuation is exactly where this page ends.
      const next = await query.byPage({ maxPageSize: pageSize - items.length, ...(token === undefined ? {} : { continuationToken: token }) }).next();
      if (next.done === true || next.value === undefined) return { items, skipToken: undefined };
      for (const entity of next.value) items.push(toWorkOrder(entity, entity.etag));
      token = next.value.continuationToken;
      if (token === undefined) return { items, skipToken: undefined };
      if (items.length >= pageSize || trip >= MAX_ROUND_TRIPS) return { items, skipToken: toSkipToken(token) };
    }
  });
}

async function filterExpression(filter: WorkOrderFilter): Promise<string> {
  const { odata } = await tablesSdk();
  // odata`` escapes the values: a filter value never becomes part of the query language.
  const clauses = [odata`PartitionKey eq ${PARTITION}`];
  if (filter.status !== undefined) clauses.push(odata`status eq ${filter.status}`);
  if (filter.assignedTo !== undefined) clauses.push(odata`assignedTo eq ${filter.assignedTo}`);
  if (filter.priorities !== undefined && filter.priorities.length > 0) {
    clauses.push(`(${[...new Set(filter.priorities)].map((p) => odata`priority eq ${p}`).join(" or ")})`);
  }
  return clauses.join(" and ");
}

export async function getWorkOrder(id: string): Promise<WorkOrder | undefined> {
  if (!isUsableKey(id)) return undefined;
  const entity = await withTable(WORK_ORDERS_TABLE, (client) => read(client, id));
  return entity === undefined ? undefined : toWorkOrder(entity, entity.etag);
}

/** Stores a new work order: a server-set id and times, status new and priority normal unless given. */
export async function createWorkOrder(input: NewWorkOrder, now: Date = new Date()): Promise<WorkOrder> {
  const stamp = now.toISOString();
  const entity: WorkOrderEntity = {
    partitionKey: PARTITION,
    rowKey: newestFirstId(now.getTime()),
    title: input.title,
    status: input.status ?? "new",
    priority: input.priority ?? "normal",
    customerName: input.customerName,
    siteAddress: input.siteAddress,
    createdAt: stamp,
    updatedAt: stamp,
  };
  copyOptional(entity, input);
  assertEntityFits(entity);
  const created = await withTable(WORK_ORDERS_TABLE, (client) => client.createEntity(entity));
  return toWorkOrder(entity, created.etag ?? "");
}

export type UpdateOutcome =
  /** `before`: the work order as it was, so that callers can tell what changed (a reassignment, say). */
  | { readonly kind: "updated"; readonly workOrder: WorkOrder; readonly before: WorkOrder }
  | { readonly kind: "not-found" }
  | { readonly kind: "precondition-failed" }
  /** Other writers kept changing it until the deadline: the caller should try again in `retryAfterSeconds`. */
  | { readonly kind: "contended"; readonly attempts: number; readonly retryAfterSeconds: number };

export interface UpdateOptions {
  readonly now?: Date;
  /** How long to keep trying while other writers get in between (default WRITE_DEADLINE_MS). */
  readonly deadlineMs?: number;
}

/**
 * Merges the given fields into the work order. With `etag` (If-Match) only that version is changed (`*`: any).
 * The write is conditional on the version just read either way, so a concurrent change is never silently lost,
 * and the answer is exactly what was written, with its new etag. Without If-Match, a write that another writer
 * beat is tried again after a random wait, until the deadline. Changes that change nothing (fields the spec does
 * not know, values the work order already has) write nothing: no new version, no new etag.
 */
export async function updateWorkOrder(id: string, changes: WorkOrderChanges, etag?: string, options: UpdateOptions = {}): Promise<UpdateOutcome> {
  if (!isUsableKey(id)) return { kind: "not-found" };
  const now = options.now ?? new Date();
  const deadline = Date.now() + (options.deadlineMs ?? WRITE_DEADLINE_MS);
  const expected = etag?.trim();
  const strict = expected !== undefined && expected !== "*";
  return withTable(WORK_ORDERS_TABLE, async (client): Promise<UpdateOutcome> => {
    for (let attempt = 1; ; attempt++) {
      const current = await read(client, id);
      if (current === undefined) return { kind: "not-found" };
      if (strict && expected !== current.etag) return { kind: "precondition-failed" };
      // Rebuilt field by field, so nothing a read carries (timestamp, odata metadata) or a body adds is written.
      const entity: WorkOrderEntity = {
        partitionKey: PARTITION,
        rowKey: id,
        title: changes.title ?? current.title,
        status: changes.status ?? current.status,
        priority: changes.priority ?? current.priority,
        customerName: current.customerName,
        siteAddress: current.siteAddress,
        createdAt: current.createdAt,
        updatedAt: current.updatedAt,
      };
      copyOptional(entity, current);
      copyOptional(entity, changes);
      const before = toWorkOrder(current, current.etag);
      if (sameFields(entity, current)) return { kind: "updated", workOrder: before, before };
      entity.updatedAt = now.toISOString();
      assertEntityFits(entity);
      try {
        const written = await client.updateEntity(entity, "Replace", { etag: current.etag });
        return { kind: "updated", workOrder: toWorkOrder(entity, written.etag ?? ""), before };
      } catch (error) {
        const status = storageStatus(error);
        if (status === 404 && !isTableMissing(error)) return { kind: "not-found" };
        if (status !== 412) throw error;
        if (strict) return { kind: "precondition-failed" };
      }
      const wait = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
      if (Date.now() + wait >= deadline) return { kind: "contended", attempts: attempt, retryAfterSeconds: 1 };
      await sleep(wait);
    }
  });
}

/** False when there was no such work order. */
export async function deleteWorkOrder(id: string): Promise<boolean> {
  if (!isUsableKey(id)) return false;
  return withTable(WORK_ORDERS_TABLE, async (client) => {
    try {
      await client.deleteEntity(PARTITION, id);
      return true;
    } catch (error) {
      if (storageStatus(error) === 404 && !isTableMissing(error)) return false;
      throw error;
    }
  });
}

const FIELDS = ["title", "description", "status", "priority", "assignedTo", "customerName", "siteAddress", "scheduledFor", "estimatedHours", "createdAt"] as const;

/** Whether writing `next` would change none of the work order's fields. */
function sameFields(next: WorkOrderEntity, current: WorkOrderEntity): boolean {
  return FIELDS.every((field) => next[field] === current[field]);
}

async function read(client: TableClient, id: string): Promise<TableEntityResult<WorkOrderEntity> | undefined> {
  try {
    return await client.getEntity<WorkOrderEntity>(PARTITION, id);
  } catch (error) {
    // Not found: the entity. A missing table is withTable's to handle (it makes the table again).
    if (storageStatus(error) === 404 && !isTableMissing(error)) return undefined;
    throw error;
  }
}

/** Copies the optional fields one by one, so a request body never adds anything else to the entity. */
function copyOptional(target: WorkOrderEntity, source: Partial<Omit<WorkOrderEntity, "partitionKey" | "rowKey">>): void {
  if (source.description !== undefined) target.description = source.description;
  if (source.assignedTo !== undefined) target.assignedTo = source.assignedTo;
  if (source.scheduledFor !== undefined) target.scheduledFor = source.scheduledFor;
  if (source.estimatedHours !== undefined) target.estimatedHours = source.estimatedHours;
}

function toWorkOrder(entity: Omit<WorkOrderEntity, "partitionKey" | "rowKey"> & { rowKey?: string | undefined }, etag: string): WorkOrder {
  const order: WorkOrder = {
    id: entity.rowKey ?? "",
    title: entity.title,
    status: entity.status,
    priority: entity.priority,
    customerName: entity.customerName,
    siteAddress: entity.siteAddress,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
  if (entity.description !== undefined) order.description = entity.description;
  if (entity.assignedTo !== undefined) order.assignedTo = entity.assignedTo;
  if (entity.scheduledFor !== undefined) order.scheduledFor = entity.scheduledFor;
  if (entity.estimatedHours !== undefined) order.estimatedHours = entity.estimatedHours;
  if (etag) order.etag = etag;
  return order;
}
