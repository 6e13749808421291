// Update a work order: PATCH /workorders/{workOrderId}
import type { UpdateWorkOrderHandler } from "../../generated/handlers.js";
import { notImplemented } from "../runtime/errors.js";

export const handler: UpdateWorkOrderHandler = async (request, context) => {
    // Replace this with the implementation; the types come from the spec (generated/handlers.ts).
    // request.path: workOrderId
    // request.headers: if-match?
    // request.body: the json body
    // Return { status, body } with status 200, 400, 404, 412.
    // context.invocation.log(...) logs; context.request is the raw HttpRequest.
    return notImplemented("UpdateWorkOrder");
};
