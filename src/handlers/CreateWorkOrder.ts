// Create a work order: POST /workorders
import type { CreateWorkOrderHandler } from "../../generated/handlers.js";
import { announceCreated } from "../events/work-orders.js";
import { createWorkOrder } from "../storage/work-orders.js";

export const handler: CreateWorkOrderHandler = async (request, context) => {
  const workOrder = await createWorkOrder(request.body);
  // Queued in the outbox before the answer goes; flows get it right after, or after a restart at the latest.
  await announceCreated(workOrder);
  const location = new URL(`workorders/${encodeURIComponent(workOrder.id)}`, baseOf(context.publicUrl));
  return { status: 201, body: workOrder, headers: { Location: location.toString() } };
};

/** The collection's URL with a trailing slash, so that relative URLs resolve beside it. */
function baseOf(url: string): URL {
  const base = new URL(url);
  base.search = "";
  base.pathname = base.pathname.replace(/workorders\/?$/i, "");
  return base;
}
