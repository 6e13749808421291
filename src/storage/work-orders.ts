import type { TableClient, TableEntityResult } from "@azure/data-tables";
import type { components, Readable, Writable } from "../../generated/types.js";
import { newestFirstId } from "./ids.js";
import { fromSkipToken, toSkipToken } from "./paging.js";
import { isUsableKey, storageStatus, table, tablesSdk } from "./tables.js";

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
/** Without If-Match the caller wants the change made: retry the read-merge-write when another writer got in between. */
const MAX_WRITE_ATTEMPTS = 3;

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
  const client = await table(WORK_ORDERS_TABLE);
  const query = client.listEntities<WorkOrderEntity>({ queryOptions: { filter: await filterExpression(filter) } });
  const items: WorkOrder[] = [];
  for (let trip = 1; ; trip++) {
    // Asking for exactly what is missing means the service's continuation is exactly where this page ends.
    const next = await query.byPage({ maxPageSize: pageSize - items.length, ...(continuationToken === undefined ? {} : { continuationToken }) }).next();
    if (next.done === true || next.value === undefined) return { items, skipToken: undefined };
    for (const entity of next.value) items.push(toWorkOrder(entity, entity.etag));
    continuationToken = next.value.continuationToken;
    if (continuationToken === undefined) return { items, skipToken: undefined };
    if (items.length >= pageSize || trip >= MAX_ROUND_TRIPS) return { items, skipToken: toSkipToken(continuationToken) };
  }
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
  const entity = await read(await table(WORK_ORDERS_TABLE), id);
  return entity === undefined ? undefined : toWorkOrder(entity, entity.etag);
}

/** Stores a new work order: a server-set id and times, status new and priority normal unless given. */
export async function createWorkOrder(input: NewWorkOrder, now: Date = new Date()): Promise<WorkOrder> {
  const client = await table(WORK_ORDERS_TABLE);
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
  const created = await client.createEntity(entity);
  return toWorkOrder(entity, created.etag ?? "");
}

export type UpdateOutcome =
  /** `before`: the work order as it was, so that callers can tell what changed (a reassignment, say). */
  | { readonly kind: "updated"; readonly workOrder: WorkOrder; readonly before: WorkOrder }
  | { readonly kind: "not-found" }
  | { readonly kind: "precondition-failed" };

/**
 * Merges the given fields into the work order. With `etag` (If-Match) only that version is changed (`*`: any).
 * The write is conditional on the version just read either way, so a concurrent change is never silently lost,
 * and the answer is exactly what was written, with its new etag.
 */
export async function updateWorkOrder(id: string, changes: WorkOrderChanges, etag?: string, now: Date = new Date()): Promise<UpdateOutcome> {
  if (!isUsableKey(id)) return { kind: "not-found" };
  const client = await table(WORK_ORDERS_TABLE);
  const expected = etag?.trim();
  const strict = expected !== undefined && expected !== "*";
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
      updatedAt: now.toISOString(),
    };
    copyOptional(entity, current);
    copyOptional(entity, changes);
    try {
      const written = await client.updateEntity(entity, "Replace", { etag: current.etag });
      return { kind: "updated", workOrder: toWorkOrder(entity, written.etag ?? ""), before: toWorkOrder(current, current.etag) };
    } catch (error) {
      const status = storageStatus(error);
      if (status === 404) return { kind: "not-found" };
      if (status !== 412) throw error;
      if (strict) return { kind: "precondition-failed" };
      if (attempt >= MAX_WRITE_ATTEMPTS) throw error;
    }
  }
}

/** False when there was no such work order. */
export async function deleteWorkOrder(id: string): Promise<boolean> {
  if (!isUsableKey(id)) return false;
  const client = await table(WORK_ORDERS_TABLE);
  try {
    await client.deleteEntity(PARTITION, id);
    return true;
  } catch (error) {
    if (storageStatus(error) === 404) return false;
    throw error;
  }
}

async function read(client: TableClient, id: string): Promise<TableEntityResult<WorkOrderEntity> | undefined> {
  try {
    return await client.getEntity<WorkOrderEntity>(PARTITION, id);
  } catch (error) {
    if (storageStatus(error) === 404) return undefined;
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
