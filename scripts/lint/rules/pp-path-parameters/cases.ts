import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const idParameter = { name: "id", in: "path", required: true, type: "string", "x-ms-summary": "ID", description: "The widget." };

export const cases: RuleCase[] = [
  { name: "a declared, required variable passes", document: swagger({ paths: { "/widgets/{id}": { get: listWidgets({ parameters: [idParameter] }) } } }), findings: [] },
  {
    name: "declared on the path item passes",
    document: swagger({ paths: { "/widgets/{id}": { parameters: [idParameter], get: listWidgets() } } }),
    findings: [],
  },
  {
    name: "a $ref to #/parameters passes, and a variable with a space",
    document: swagger({ parameters: { Id: { ...idParameter, name: "widget id" } }, paths: { "/widgets/{widget id}": { get: listWidgets({ parameters: [{ $ref: "#/parameters/Id" }] }) } } }),
    findings: [],
  },
  {
    name: "an undeclared variable",
    document: swagger({ paths: { "/widgets/{id}": { get: listWidgets() } } }),
    findings: [{ path: ["paths", "/widgets/{id}", "get"], message: /does not declare the path parameter 'id'/ }],
  },
  {
    name: "a path parameter not in the template",
    document: swagger({ paths: { "/widgets": { get: listWidgets({ parameters: [idParameter] }) } } }),
    findings: [{ path: ["paths", "/widgets", "get", "parameters", 0], message: /PathParameterNotDefinedInTemplate/ }],
  },
  {
    name: "an optional path parameter, reported once where it is defined",
    document: swagger({
      parameters: { Id: { ...idParameter, required: false } },
      paths: { "/widgets/{id}": { get: listWidgets({ parameters: [{ $ref: "#/parameters/Id" }] }), delete: listWidgets({ operationId: "DeleteWidget", parameters: [{ $ref: "#/parameters/Id" }] }) } },
    }),
    findings: [{ path: ["parameters", "Id", "required"], message: /PathParameterMustBeRequired/ }],
  },
];
