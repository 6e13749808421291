// Get a work order: GET /workorders/{workOrderId}
import type { GetWorkOrderHandler } from "../../generated/handlers.js";
import { problem } from "../runtime/problem.js";
import { getWorkOrder } from "../storage/work-orders.js";

export const handler: GetWorkOrderHandler = async (request) => {
  const workOrder = await getWorkOrder(request.path.workOrderId);
  if (workOrder === undefined) return { status: 404, body: problem(404, `No work order has the id ${request.path.workOrderId}.`) };
  return { status: 200, body: workOrder };
};
