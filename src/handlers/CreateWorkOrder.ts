// Create a work order: POST /workorders
import type { CreateWorkOrderHandler } from "../../generated/handlers.js";
import { notImplemented } from "../runtime/errors.js";

export const handler: CreateWorkOrderHandler = async (request, context) => {
    // Replace this with the implementation; the types come from the spec (generated/handlers.ts).
    // request.body: the json body
    // Return { status, body } with status 201, 400.
    // context.invocation.log(...) logs; context.request is the raw HttpRequest.
    return notImplemented("CreateWorkOrder");
};
