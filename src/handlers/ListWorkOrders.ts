// List work orders: GET /workorders
import type { ListWorkOrdersHandler } from "../../generated/handlers.js";
import { problem } from "../runtime/problem.js";
import { InvalidContinuationTokenError, listWorkOrders } from "../storage/work-orders.js";

export const handler: ListWorkOrdersHandler = async (request, context) => {
  const { status, priority, assignedTo, top, skipToken } = request.query;
  let page;
  try {
    page = await listWorkOrders({ status, priorities: priority, assignedTo }, top, skipToken);
  } catch (error) {
    if (error instanceof InvalidContinuationTokenError) {
      return { status: 400, body: problem(400, "skipToken is not a page token from this API: follow nextLink as it is.") };
    }
    throw error;
  }
  const body: { value: typeof page.items; nextLink?: string } = { value: page.items };
  if (page.continuationToken !== undefined) {
    // Power Platform's x-ms-pageable follows nextLink as it is, so it keeps every filter of this request.
    const next = new URL(context.request.url);
    next.searchParams.set("skipToken", page.continuationToken);
    body.nextLink = next.toString();
  }
  return { status: 200, body };
};
