import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const listParts = listWidgets({
  operationId: "ListParts",
  "x-ms-visibility": "internal",
  parameters: [
    { name: "widgetId", in: "query", type: "string", required: true },
    { name: "top", in: "query", type: "integer" },
  ],
});
const withDynamic = (parameters: unknown) =>
  swagger({
    paths: {
      "/parts": { get: listParts },
      "/orders": {
        get: listWidgets({
          operationId: "ListOrders",
          parameters: [
            { name: "widget", in: "query", type: "string" },
            { name: "part", in: "query", type: "string", "x-ms-dynamic-values": { operationId: "ListParts", "value-path": "id", parameters } },
          ],
        }),
      },
    },
  });
const at = ["paths", "/orders", "get", "parameters", 1, "x-ms-dynamic-values"];

export const cases: RuleCase[] = [
  { name: "a required parameter from another parameter passes", document: withDynamic({ widgetId: { parameter: "widget" } }), findings: [] },
  { name: "a literal value passes", document: withDynamic({ widgetId: "w-1", top: 10 }), findings: [] },
  { name: "a required parameter not passed", document: withDynamic({}), findings: [{ path: at, message: /requires 'widgetId'/ }] },
  { name: "a parameter the operation does not have", document: withDynamic({ widgetId: "w-1", colour: "red" }), findings: [{ path: [...at, "parameters", "colour"], message: /has no parameter 'colour'/ }] },
  { name: "reading a parameter that does not exist", document: withDynamic({ widgetId: { parameter: "widgetName" } }), findings: [{ path: [...at, "parameters", "widgetId"], message: /'widgetName' is not a parameter of this operation/ }] },
];
