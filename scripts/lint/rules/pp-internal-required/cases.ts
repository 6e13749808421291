import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const q = (extra: Record<string, unknown>) => ({ name: "apiVersion", in: "query", type: "string", "x-ms-visibility": "internal", ...extra });
const withQuery = (parameter: unknown) => swagger({ paths: { "/widgets": { get: listWidgets({ parameters: [parameter] }) } } });

export const cases: RuleCase[] = [
  { name: "required, internal, with a default passes", document: withQuery(q({ required: true, default: "2024-01-01" })), findings: [] },
  { name: "optional and internal without a default passes", document: withQuery(q({ required: false })), findings: [] },
  { name: "the platform's connectionId is the exception", document: withQuery(q({ name: "connectionId", in: "path", required: true })), findings: [] },
  { name: "required and internal without a default", document: withQuery(q({ required: true })), findings: [{ path: ["paths", "/widgets", "get", "parameters", 0], message: /Unexpected internal param/ }] },
  {
    name: "in #/parameters",
    document: swagger({ parameters: { version: q({ required: true }) } }),
    findings: [{ path: ["parameters", "version"] }],
  },
];
