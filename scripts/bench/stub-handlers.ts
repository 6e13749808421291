/**
 * In-memory handlers for the sample's six operations, for the load bench when the real handlers cannot run
 * (no storage yet): the same contract, a Map for a table. The bench says when it uses them.
 */
import type { HandlerContext } from "../../src/runtime/handler.js";

type Json = Record<string, unknown>;
type StubRequest = { path: Json; query: Json; headers: Json; body: unknown };
type StubHandler = (request: StubRequest, context: HandlerContext) => Promise<{ status: number; body?: unknown; headers?: Json }>;

export function stubHandlers(): Readonly<Record<string, StubHandler>> {
  const store = new Map<string, Json>();
  let next = 0;
  const notFound = (id: unknown) => ({ status: 404, body: { type: "about:blank", title: "Not Found", status: 404, detail: `No work order has the id ${String(id)}.` } });
  return {
    CreateWorkOrder: async ({ body }) => {
      const now = new Date().toISOString();
      const id = `wo-${String(next++).padStart(8, "0")}`;
      const order = { status: "new", priority: "normal", ...(body as Json), id, createdAt: now, updatedAt: now };
      store.set(id, order);
      return { status: 201, body: order, headers: { Location: `/api/workorders/${id}` } };
    },
    GetWorkOrder: async ({ path }) => {
      const order = store.get(String(path["workOrderId"]));
      return order === undefined ? notFound(path["workOrderId"]) : { status: 200, body: order };
    },
    UpdateWorkOrder: async ({ path, body }) => {
      const id = String(path["workOrderId"]);
      const order = store.get(id);
      if (order === undefined) return notFound(id);
      const updated = { ...order, ...(body as Json), updatedAt: new Date().toISOString() };
      store.set(id, updated);
      return { status: 200, body: updated };
    },
    DeleteWorkOrder: async ({ path }) => (store.delete(String(path["workOrderId"])) ? { status: 204 } : notFound(path["workOrderId"])),
    ListWorkOrders: async ({ query }) => {
      const top = typeof query["top"] === "number" ? query["top"] : 50;
      return { status: 200, body: { value: [...store.values()].reverse().slice(0, top) } };
    },
    ListTechnicians: async () => ({ status: 200, body: { value: [{ id: "tech-ana-lopez", displayName: "Ana Lopez", available: true }] } }),
  };
}
