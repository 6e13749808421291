import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const top = { name: "top", in: "query", type: "integer" };

export const cases: RuleCase[] = [
  {
    name: "refs into #/parameters and #/responses pass",
    document: swagger({
      parameters: { Top: top },
      responses: { Widgets: { description: "The widgets.", schema: { type: "string" } } },
      paths: { "/widgets": { get: listWidgets({ parameters: [{ $ref: "#/parameters/Top" }], responses: { "200": { $ref: "#/responses/Widgets" } } }) } },
    }),
    findings: [],
  },
  {
    name: "a parameter ref into definitions",
    document: swagger({ definitions: { Top: top }, paths: { "/widgets": { get: listWidgets({ parameters: [{ $ref: "#/definitions/Top" }] }) } } }),
    findings: [{ path: ["paths", "/widgets", "get", "parameters", 0, "$ref"], message: /ParameterReferenceNotValid/ }],
  },
  {
    name: "a chained parameter ref",
    document: swagger({ parameters: { Top: top, Size: { $ref: "#/parameters/Top" } }, paths: { "/widgets": { get: listWidgets({ parameters: [{ $ref: "#/parameters/Size" }] }) } } }),
    findings: [{ path: ["paths", "/widgets", "get", "parameters", 0, "$ref"], message: /ParameterRefLoopNotAllowed/ }],
  },
  {
    name: "a response ref into definitions",
    document: swagger({ definitions: { R: { type: "string" } }, paths: { "/widgets": { get: listWidgets({ responses: { "200": { $ref: "#/definitions/R" } } }) } } }),
    findings: [{ path: ["paths", "/widgets", "get", "responses", "200", "$ref"], message: /ResponseReferenceNotValid/ }],
  },
];
