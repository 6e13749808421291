import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const update = (parameterName: string, bodySchema: unknown = { $ref: "#/definitions/Widget" }) =>
  swagger({
    definitions: { Widget: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } } },
    paths: {
      "/widgets/{widgetId}": {
        patch: listWidgets({
          operationId: "UpdateWidget",
          parameters: [
            { name: parameterName, in: "path", required: true, type: "string" },
            { name: "body", in: "body", schema: bodySchema },
          ],
        }),
      },
    },
  });

export const cases: RuleCase[] = [
  { name: "distinct names pass", document: update("widgetId"), findings: [] },
  { name: "a path parameter named like a body property", document: update("id"), findings: [{ path: ["paths", "/widgets/{widgetId}", "patch", "parameters", 0], message: /renames one of them 'id_1'.*Azure Functions/ }] },
  { name: "a parameter named like an unflattened body", document: update("body", { type: "array", items: { type: "string" } }), findings: [{ path: ["paths", "/widgets/{widgetId}", "patch", "parameters", 0], message: /OperationParameterNameIsAmbiguous/ }] },
];
