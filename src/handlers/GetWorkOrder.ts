// Get a work order: GET /workorders/{workOrderId}
import type { GetWorkOrderHandler } from "../../generated/handlers.js";
import { notImplemented } from "../runtime/errors.js";

export const handler: GetWorkOrderHandler = async (request, context) => {
    // Replace this with the implementation; the types come from the spec (generated/handlers.ts).
    // request.path: workOrderId
    // Return { status, body } with status 200, 404.
    // context.invocation.log(...) logs; context.request is the raw HttpRequest.
    return notImplemented("GetWorkOrder");
};
