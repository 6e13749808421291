import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const parameter = (extra: Record<string, unknown>) => ({ name: "id", in: "path", required: true, type: "string", ...extra });
const withParameter = (p: unknown, path = "/widgets/{id}") => swagger({ paths: { [path]: { get: listWidgets({ parameters: [p] }) } } });

export const cases: RuleCase[] = [
  { name: "single on a path parameter passes", document: withParameter(parameter({ "x-ms-url-encoding": "single" })), findings: [] },
  { name: "double on a path parameter passes", document: withParameter(parameter({ "x-ms-url-encoding": "double" })), findings: [] },
  { name: "no encoding passes (single is the default)", document: withParameter(parameter({})), findings: [] },
  {
    name: "an unknown value",
    document: withParameter(parameter({ "x-ms-url-encoding": "triple" })),
    findings: [{ path: ["paths", "/widgets/{id}", "get", "parameters", 0, "x-ms-url-encoding"], message: /'single' or 'double'/ }],
  },
  {
    name: "on a query parameter",
    document: withParameter({ name: "q", in: "query", type: "string", "x-ms-url-encoding": "double" }, "/widgets"),
    findings: [{ path: ["paths", "/widgets", "get", "parameters", 0, "x-ms-url-encoding"], message: /QueryParameterEncodingNotSupported/ }],
  },
  {
    name: "inside a schema",
    document: swagger({ definitions: { Widget: { type: "object", properties: { id: { type: "string", "x-ms-url-encoding": "single" } } } } }),
    findings: [{ path: ["definitions", "Widget", "properties", "id", "x-ms-url-encoding"], message: /inside a schema/ }],
  },
];
