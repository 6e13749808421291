import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const withDynamic = (dynamic: Record<string, unknown>) =>
  swagger({
    paths: {
      "/widgets": { get: listWidgets() },
      "/orders": { get: listWidgets({ operationId: "ListOrders", parameters: [{ name: "widget", in: "query", type: "string", ...dynamic }] }) },
    },
  });
const at = ["paths", "/orders", "get", "parameters", 0];

export const cases: RuleCase[] = [
  { name: "an existing operation passes", document: withDynamic({ "x-ms-dynamic-values": { operationId: "ListWidgets", "value-path": "id" } }), findings: [] },
  { name: "a built-in operation passes", document: withDynamic({ "x-ms-dynamic-values": { builtInOperation: "AadGraph.GetUsers", "value-path": "id" } }), findings: [] },
  {
    name: "a misspelt operation",
    document: withDynamic({ "x-ms-dynamic-values": { operationId: "ListWidget", "value-path": "id" } }),
    findings: [{ path: [...at, "x-ms-dynamic-values", "operationId"], message: /'ListWidget', which this definition does not have: did you mean 'ListWidgets'/ }],
  },
  { name: "no operation at all", document: withDynamic({ "x-ms-dynamic-list": { itemValuePath: "id" } }), findings: [{ path: [...at, "x-ms-dynamic-list"], message: /needs an 'operationId'/ }] },
  {
    name: "a test connection operation that is missing",
    document: swagger({ "x-ms-capabilities": { testConnection: { operationId: "Ping" } } }),
    findings: [{ path: ["x-ms-capabilities", "testConnection", "operationId"], message: /'Ping'/ }],
  },
  {
    name: "a notification operation that is missing",
    document: swagger({ paths: { "/widgets": { get: listWidgets({ "x-ms-trigger": "single", "x-ms-notification": { operationId: "Subscribe" } }) } } }),
    findings: [{ path: ["paths", "/widgets", "get", "x-ms-notification", "operationId"] }],
  },
];
