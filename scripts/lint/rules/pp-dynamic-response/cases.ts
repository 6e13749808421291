import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const page = { type: "object", properties: { value: { type: "array", items: { $ref: "#/definitions/Part" } }, nextLink: { type: "string" } } };
const doc = (dynamic: Record<string, unknown>, pageable?: unknown) =>
  swagger({
    definitions: { Part: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } }, Page: page },
    paths: {
      "/parts": { get: listWidgets({ operationId: "ListParts", ...(pageable ? { "x-ms-pageable": pageable } : {}), responses: { "200": { description: "Parts.", schema: { $ref: "#/definitions/Page" } } } }) },
      "/orders": { get: listWidgets({ operationId: "ListOrders", parameters: [{ name: "part", in: "query", type: "string", "x-ms-dynamic-values": { operationId: "ListParts", ...dynamic } }] }) },
    },
  });
const at = ["paths", "/orders", "get", "parameters", 0, "x-ms-dynamic-values"];

export const cases: RuleCase[] = [
  { name: "paths that exist pass", document: doc({ "value-collection": "value", "value-path": "id", "value-title": "name" }, { nextLinkName: "nextLink" }), findings: [] },
  { name: "a collection that is not there", document: doc({ "value-collection": "items", "value-path": "id" }), findings: [{ path: [...at, "value-collection"], message: /reads the list 'items'/ }] },
  { name: "a collection in the wrong case", document: doc({ "value-collection": "Value", "value-path": "id" }), findings: [{ path: [...at, "value-collection"], message: /it declares 'value': names are case-sensitive/ }] },
  { name: "a collection that is not an array", document: doc({ "value-collection": "nextLink", "value-path": "id" }), findings: [{ path: [...at, "value-collection"], message: /InvokedOperationShouldProduceArray/ }] },
  { name: "a title the items lack", document: doc({ "value-collection": "value", "value-path": "id", "value-title": "displayName" }), findings: [{ path: [...at, "value-title"], message: /item property 'displayName'/ }] },
  {
    name: "a next link the response lacks",
    document: doc({ "value-collection": "value", "value-path": "id" }, { nextLinkName: "@odata.nextLink" }),
    findings: [{ path: ["paths", "/parts", "get", "x-ms-pageable", "nextLinkName"], message: /paging stops after the first page/ }],
  },
];
