// Test the connection: GET /connection
import type { TestConnectionHandler } from "../../generated/handlers.js";

export const handler: TestConnectionHandler = async (request, context) => {
    // Power Platform calls this when a connection is made (x-ms-capabilities testConnection). The function key and
    // the caller's token were checked before it runs, so answering 2xx says the connection works; check more here
    // if a connection needs more (a licence, a backend it must reach).
    return { status: 200 };
};
