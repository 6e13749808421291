import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const withQuery = (extra: Record<string, unknown>) => swagger({ paths: { "/widgets": { get: listWidgets({ parameters: [{ name: "top", in: "query", type: "integer", ...extra }] }) } } });

export const cases: RuleCase[] = [
  { name: "a clean definition passes", document: swagger(), findings: [] },
  { name: "example on a query parameter is pp-parameter-example's", document: withQuery({ example: 5 }), findings: [] },
  { name: "empty responses are pp-operation-responses'", document: swagger({ paths: { "/widgets": { post: listWidgets({ operationId: "Subscribe", responses: {} }) } } }), findings: [] },
  { name: "a placeholder host is pp-host-name's", document: swagger({ host: "{{your_domain}}" }), findings: [] },
  { name: "an unknown top-level key is pp-root-keys'", document: swagger({ basepath: "/api" }), findings: [] },
  { name: "a parameter type Swagger does not have", document: withQuery({ type: "int" }), findings: [{ path: ["paths", "/widgets", "get", "parameters", 0, "type"], message: /^Unknown type "int" — did you mean integer\? Swagger 2\.0 allows string, number, boolean, integer, array here\.$/ }] },
  { name: "an unknown key in info", document: swagger({ info: { title: "Widgets", version: "1", summary: "x" } }), findings: [{ path: ["info", "summary"], message: /^Unknown key summary: info has title, description, termsOfService, contact, license, version \(and x- extensions\)\.$/ }] },
  { name: "a misspelt operation field", document: swagger({ paths: { "/widgets": { get: listWidgets({ operationId: undefined, operationID: "ListWidgets" }) } } }), findings: [{ path: ["paths", "/widgets", "get", "operationID"], message: /^Unknown key operationID — did you mean operationId\?$/ }] },
  { name: "a misspelt parameter field is one finding, not also the field it leaves missing", document: withQuery({ type: undefined, tpye: "integer" }), findings: [{ path: ["paths", "/widgets", "get", "parameters", 0, "tpye"], message: /^Unknown key tpye — did you mean type\?$/ }] },
  {
    name: "example beside another mistake still reports the mistake",
    document: withQuery({ example: 5, in: "querystring" }),
    findings: [{ path: ["paths", "/widgets", "get", "parameters", 0, "in"], message: /"in" must be one of body, query, header, path, formData, not "querystring"/ }],
  },
];
