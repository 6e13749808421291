import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const at = (path: string) => swagger({ paths: { [path]: { get: listWidgets() } } });

export const cases: RuleCase[] = [
  { name: "a plain path passes", document: at("/widgets"), findings: [] },
  { name: "a variable segment passes", document: at("/widgets/{widgetId}/parts"), findings: [] },
  { name: "a variable inside a segment passes", document: at("/jobs/ForUser(userId={userId})"), findings: [] },
  { name: "no leading slash", document: at("widgets"), findings: [{ path: ["paths", "widgets"], message: /must start with '\/'/ }] },
  { name: "a query string", document: at("/widgets?top=10"), findings: [{ path: ["paths", "/widgets?top=10"], message: /query or fragment/ }] },
  { name: "a wildcard", document: at("/files/*"), findings: [{ path: ["paths", "/files/*"], message: /'\*'/ }] },
  { name: "a variable across segments", document: at("/files/{folder/name}"), findings: [{ path: ["paths", "/files/{folder/name}"], message: /OperationPathTemplateNotValid/ }] },
  { name: "an unclosed brace", document: at("/files/{name"), findings: [{ path: ["paths", "/files/{name"], message: /OperationPathTemplateNotValid/ }] },
  { name: "a default in the template", document: at("/files/{name=readme}"), findings: [{ path: ["paths", "/files/{name=readme}"], message: /default value/ }] },
  { name: "a path item $ref", document: swagger({ paths: { "/widgets": { $ref: "#/x-paths/widgets" } } }), findings: [{ path: ["paths", "/widgets", "$ref"], message: /PathItemRefNotSuppored/ }] },
];
