// Delete a work order: DELETE /workorders/{workOrderId}
import type { DeleteWorkOrderHandler } from "../../generated/handlers.js";
import { problem } from "../runtime/problem.js";
import { deleteWorkOrder } from "../storage/work-orders.js";

export const handler: DeleteWorkOrderHandler = async (request) => {
  const deleted = await deleteWorkOrder(request.path.workOrderId);
  if (!deleted) return { status: 404, body: problem(404, `No work order has the id ${request.path.workOrderId}.`) };
  return { status: 204 };
};
