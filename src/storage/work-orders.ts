import { odata, type TableEntityResult } from "@azure/data-tables";
import type { components, Readable, Writable } from "../../generated/types.js";
import { uuidv7 } from "./ids.js";
import { storageStatus, table } from "./tables.js";

export type WorkOrder = Readable<components["schemas"]["WorkOrder"]>;
export type NewWorkOrder = Writable<components["schemas"]["NewWorkOrder"]>;
export type WorkOrderChanges = Writable<components["schemas"]["WorkOrderChanges"]>;
type Status = components["schemas"]["Status"];
type Priority = components["schemas"]["Priority"];

export const WORK_ORDERS_TABLE = "workorders";
// One partition: the sample's volumes are small, and one partition keeps paging in key (creation) order.
const PARTITION = "workorder";

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
  readonly status?: Status;
  readonly priorities?: readonly Priority[];
  readonly assignedTo?: string;
}

export interface WorkOrderPage {
  readonly items: WorkOrder[];
  /** Where the next page starts; undefined on the last page. */
  readonly continuationToken: string | undefined;
}

export class InvalidContinuationTokenError extends Error {
  constructor() {
    super("the page token is not valid");
    this.name = "InvalidContinuationTokenError";
  }
}

export async function listWorkOrders(filter: WorkOrderFilter, pageSize: number, continuationToken?: string): Promise<WorkOrderPage> {
  const client = await table(WORK_ORDERS_TABLE);
  const pages = client
    .listEntities<WorkOrderEntity>({ queryOptions: { filter: filterExpression(filter) } })
    .byPage({ maxPageSize: pageSize, ...(continuationToken === undefined ? {} : { continuationToken }) });
  let page;
  try {
    page = await pages.next();
  } catch (error) {
    // A token that does not decode is the caller's mistake (a hand-made nextLink), not a server failure.
    if (continuationToken !== undefined && (storageStatus(error) === 400 || error instanceof SyntaxError || error instanceof TypeError)) {
      throw new InvalidContinuationTokenError();
    }
    throw error;
  }
  if (page.done === true || page.value === undefined) return { items: [], continuationToken: undefined };
  return { items: page.value.map(toWorkOrder), continuationToken: page.value.continuationToken };
}

function filterExpression(filter: WorkOrderFilter): string {
  // odata`` escapes the values: a filter value never becomes part of the query language.
  const clauses = [odata`PartitionKey eq ${PARTITION}`];
  if (filter.status !== undefined) clauses.push(odata`status eq ${filter.status}`);
  if (filter.assignedTo !== undefined) clauses.push(odata`assignedTo eq ${filter.assignedTo}`);
  if (filter.priorities !== undefined && filter.priorities.length > 0) {
    clauses.push(`(${filter.priorities.map((p) => odata`priority eq ${p}`).join(" or ")})`);
  }
  return clauses.join(" and ");
}

export async function getWorkOrder(id: string): Promise<WorkOrder | undefined> {
  const client = await table(WORK_ORDERS_TABLE);
  try {
    return toWorkOrder(await client.getEntity<WorkOrderEntity>(PARTITION, id));
  } catch (error) {
    if (storageStatus(error) === 404) return undefined;
    throw error;
  }
}

export async function createWorkOrder(input: NewWorkOrder, now: Date = new Date()): Promise<WorkOrder> {
  const client = await table(WORK_ORDERS_TABLE);
  const stamp = now.toISOString();
  const entity: WorkOrderEntity = {
    partitionKey: PARTITION,
    rowKey: uuidv7(now.getTime()),
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
  return toWorkOrder({ ...entity, etag: created.etag ?? "" });
}

export type UpdateOutcome =
  | { readonly kind: "updated"; readonly workOrder: WorkOrder }
  | { readonly kind: "not-found" }
  | { readonly kind: "precondition-failed" };

/** Merges the given fields; with an etag, only if the work order still has that version. */
export async function updateWorkOrder(id: string, changes: WorkOrderChanges, etag?: string, now: Date = new Date()): Promise<UpdateOutcome> {
  const client = await table(WORK_ORDERS_TABLE);
  const patch: Partial<WorkOrderEntity> & { partitionKey: string; rowKey: string } = {
    partitionKey: PARTITION,
    rowKey: id,
    updatedAt: now.toISOString(),
  };
  if (changes.title !== undefined) patch.title = changes.title;
  if (changes.status !== undefined) patch.status = changes.status;
  if (changes.priority !== undefined) patch.priority = changes.priority;
  copyOptional(patch, changes);
  try {
    await client.updateEntity(patch, "Merge", { etag: etag ?? "*" });
  } catch (error) {
    const status = storageStatus(error);
    if (status === 404) return { kind: "not-found" };
    if (status === 412) return { kind: "precondition-failed" };
    throw error;
  }
  const workOrder = await getWorkOrder(id);
  return workOrder === undefined ? { kind: "not-found" } : { kind: "updated", workOrder };
}

export async function deleteWorkOrder(id: string): Promise<boolean> {
  const client = await table(WORK_ORDERS_TABLE);
  try {
    await client.deleteEntity(PARTITION, id);
    return true;
  } catch (error) {
    if (storageStatus(error) === 404) return false;
    throw error;
  }
}

/** Copies the optional fields one by one, so a request body never adds anything else to the entity. */
function copyOptional(target: Partial<WorkOrderEntity>, source: NewWorkOrder | WorkOrderChanges): void {
  if (source.description !== undefined) target.description = source.description;
  if (source.assignedTo !== undefined) target.assignedTo = source.assignedTo;
  if (source.scheduledFor !== undefined) target.scheduledFor = source.scheduledFor;
  if (source.estimatedHours !== undefined) target.estimatedHours = source.estimatedHours;
  if ("customerName" in source && source.customerName !== undefined) target.customerName = source.customerName;
  if ("siteAddress" in source && source.siteAddress !== undefined) target.siteAddress = source.siteAddress;
}

function toWorkOrder(entity: TableEntityResult<WorkOrderEntity> | (WorkOrderEntity & { etag: string })): WorkOrder {
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
  if (entity.etag) order.etag = entity.etag;
  return order;
}
