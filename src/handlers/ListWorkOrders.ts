// List work orders: GET /workorders
import type { ListWorkOrdersHandler } from "../../generated/handlers.js";
import { problem } from "../runtime/problem.js";
import { InvalidContinuationTokenError, listWorkOrders } from "../storage/work-orders.js";

export const handler: ListWorkOrdersHandler = async (request, context) => {
  const { status, priority, assignedTo, top, skipToken } = request.query;
  let page;
  try {
    page = await listWorkOrders({ status, priorities: priority, assignedTo }, top, skipToken);
  } catch (error) {
    if (error instanceof InvalidContinuationTokenError) {
      return {
        status: 400,
        body: problem(400, "skipToken is not a page token from this API: follow nextLink as it is.", {
          errors: [{ in: "query", name: "skipToken", message: "is not a page token this API gave out" }],
        }),
      };
    }
    throw error;
  }
  const body: { value: typeof page.items; nextLink?: string } = { value: page.items };
  if (page.skipToken !== undefined) body.nextLink = nextLink(context.publicUrl, page.skipToken);
  return { status: 200, body };
};

/**
 * The next page's absolute URL: this request's URL with the new skipToken, so it keeps every filter and the page
 * size (Power Platform's x-ms-pageable follows nextLink as it is). A function key sent as `?code=` is left out:
 * a response body is no place for a secret, and the connector sends its key in a header.
 */
function nextLink(requestUrl: string, skipToken: string): string {
  const next = new URL(requestUrl);
  next.searchParams.delete("code");
  next.searchParams.set("skipToken", skipToken);
  return next.toString();
}
