// List work orders: GET /workorders
import type { ListWorkOrdersHandler } from "../../generated/handlers.js";
import { notImplemented } from "../runtime/errors.js";

export const handler: ListWorkOrdersHandler = async (request, context) => {
    // Replace this with the implementation; the types come from the spec (generated/handlers.ts).
    // request.query: status?, priority?, assignedTo?, top, skipToken?
    // Return { status, body } with status 200, 400.
    // context.invocation.log(...) logs; context.request is the raw HttpRequest.
    return notImplemented("ListWorkOrders");
};
