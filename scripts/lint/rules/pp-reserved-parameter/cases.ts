import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const withQuery = (name: string) => swagger({ paths: { "/widgets": { get: listWidgets({ parameters: [{ name, in: "query", type: "string" }] }) } } });

export const cases: RuleCase[] = [
  { name: "another name passes", document: withQuery("connection"), findings: [] },
  { name: "connectionId", document: withQuery("connectionId"), findings: [{ path: ["paths", "/widgets", "get", "parameters", 0, "name"], message: /ConnectionIdParameterNotAllowed/ }] },
  { name: "in another case", document: withQuery("ConnectionID"), findings: [{ path: ["paths", "/widgets", "get", "parameters", 0, "name"] }] },
];
