/** A small connector in the shape of this project's spec, and edits of it, for the synthetic pairs. */

export type Doc = Record<string, unknown>;

export function connector(): Doc {
  return {
    swagger: "2.0",
    info: { title: "Field Service", version: "1.0", description: "Plan and track the work orders technicians carry out." },
    host: "fieldservice.azurewebsites.net",
    basePath: "/api",
    schemes: ["https"],
    consumes: ["application/json"],
    produces: ["application/json"],
    securityDefinitions: {
      oauth2_auth: { type: "oauth2", flow: "accessCode", authorizationUrl: "https://login.example.com/authorize", tokenUrl: "https://login.example.com/token", scopes: {} },
    },
    paths: {
      "/workorders": {
        get: {
          operationId: "ListWorkOrders",
          summary: "List work orders",
          parameters: [
            { name: "status", in: "query", type: "string", enum: ["new", "done"], "x-ms-summary": "Status" },
            { name: "top", in: "query", type: "integer", format: "int32", "x-ms-summary": "Page size", description: "How many to return." },
          ],
          responses: {
            "200": {
              description: "OK",
              schema: { type: "object", properties: { value: { type: "array", items: { $ref: "#/definitions/WorkOrder" } }, nextLink: { type: "string" } } },
            },
          },
        },
        post: {
          operationId: "CreateWorkOrder",
          summary: "Create a work order",
          parameters: [
            { name: "api-version", in: "query", type: "string", required: true, default: "2024-01-01", "x-ms-visibility": "internal" },
            { name: "body", in: "body", required: true, schema: { $ref: "#/definitions/NewWorkOrder" } },
          ],
          responses: { "201": { description: "Created", schema: { $ref: "#/definitions/WorkOrder" } } },
        },
      },
      "/workorders/{workOrderId}": {
        parameters: [{ name: "workOrderId", in: "path", required: true, type: "string", "x-ms-summary": "Work order" }],
        get: { operationId: "GetWorkOrder", summary: "Get a work order", responses: { "200": { description: "OK", schema: { $ref: "#/definitions/WorkOrder" } } } },
        delete: { operationId: "DeleteWorkOrder", summary: "Delete a work order", responses: { "204": { description: "Deleted" } } },
      },
      "/hooks/closed": {
        post: {
          operationId: "OnWorkOrderClosed",
          summary: "When a work order is closed",
          "x-ms-trigger": "single",
          parameters: [{ name: "body", in: "body", required: true, schema: { type: "object", required: ["callbackUrl"], properties: { callbackUrl: { type: "string" } } } }],
          responses: { "201": { description: "Subscribed" } },
        },
      },
    },
    definitions: {
      NewWorkOrder: {
        type: "object",
        required: ["title", "customerId"],
        properties: {
          title: { type: "string", "x-ms-summary": "Title" },
          customerId: { type: "string", "x-ms-summary": "Customer" },
          priority: { type: "string", enum: ["low", "normal", "high"] },
          notes: { type: "string" },
          site: { type: "object", properties: { city: { type: "string" }, street: { type: "string" } } },
        },
      },
      WorkOrder: {
        type: "object",
        properties: {
          id: { type: "string" },
          title: { type: "string" },
          dueDate: { type: "string", format: "date-time" },
          technician: { type: "object", properties: { name: { type: "string" }, id: { type: "integer" } } },
          tags: { type: "array", items: { type: "string" } },
        },
      },
    },
  };
}

/** A copy of the connector with one edit applied. */
export function edited(edit: (d: Doc) => void): Doc {
  const d = connector();
  edit(d);
  return d;
}

/** The object at a path inside a document, for editing: `obj(d, "definitions", "WorkOrder", "properties")`. */
export function obj(d: Doc, ...path: (string | number)[]): Doc {
  let node: unknown = d;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  if (typeof node !== "object" || node === null) throw new Error(`no object at ${path.join("/")}`);
  return node as Doc;
}

/** The array at a path inside a document. */
export function list(d: Doc, ...path: (string | number)[]): unknown[] {
  const node = obj(d, ...path);
  if (!Array.isArray(node)) throw new Error(`no array at ${path.join("/")}`);
  return node;
}

/** An operation: `operation(d, "/workorders", "get")`. */
export const operation = (d: Doc, path: string, method: string): Doc => obj(d, "paths", path, method);
