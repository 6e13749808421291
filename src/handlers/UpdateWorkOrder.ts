// Update a work order: PATCH /workorders/{workOrderId}
import type { UpdateWorkOrderHandler } from "../../generated/handlers.js";
import { problem } from "../runtime/problem.js";
import { announceUpdated } from "../events/work-orders.js";
import { updateWorkOrder } from "../storage/work-orders.js";

export const handler: UpdateWorkOrderHandler = async (request, context) => {
  const id = request.path.workOrderId;
  const outcome = await updateWorkOrder(id, request.body, request.headers["if-match"]);
  switch (outcome.kind) {
    case "updated":
      await announceUpdated(outcome.before, outcome.workOrder);
      return { status: 200, body: outcome.workOrder };
    case "not-found":
      return { status: 404, body: problem(404, `No work order has the id ${id}.`) };
    case "precondition-failed":
      return {
        status: 412,
        body: problem(412, `Work order ${id} was changed since the version in If-Match: get it again and reapply your change.`),
      };
    case "contended":
      context.invocation.warn(`UpdateWorkOrder: ${id} kept changing under ${outcome.attempts} attempts; asked the caller to retry`);
      return {
        status: 503,
        headers: { "Retry-After": outcome.retryAfterSeconds },
        body: problem(503, `Work order ${id} is being changed by others right now: send your change again in a moment.`),
      };
  }
};
