// List technicians: GET /technicians
import type { ListTechniciansHandler } from "../../generated/handlers.js";
import { notImplemented } from "../runtime/errors.js";

export const handler: ListTechniciansHandler = async (request, context) => {
    // Replace this with the implementation; the types come from the spec (generated/handlers.ts).
    // request.query: available?
    // Return { status, body } with status 200.
    // context.invocation.log(...) logs; context.request is the raw HttpRequest.
    return notImplemented("ListTechnicians");
};
