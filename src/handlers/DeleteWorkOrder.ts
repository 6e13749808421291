// Delete a work order: DELETE /workorders/{workOrderId}
import type { DeleteWorkOrderHandler } from "../../generated/handlers.js";
import { notImplemented } from "../runtime/errors.js";

export const handler: DeleteWorkOrderHandler = async (request, context) => {
    // Replace this with the implementation; the types come from the spec (generated/handlers.ts).
    // request.path: workOrderId
    // Return { status, body } with status 204, 404.
    // context.invocation.log(...) logs; context.request is the raw HttpRequest.
    return notImplemented("DeleteWorkOrder");
};
