import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

export const cases: RuleCase[] = [
  { name: "Swagger's fields and extensions pass", document: swagger({ tags: [], "x-generator": "hand" }), findings: [] },
  { name: "basepath in lower case", document: swagger({ basepath: "/api" }), findings: [{ path: ["basepath"], message: /did you mean 'basePath'\?/ }] },
  { name: "an OpenAPI 3 key", document: swagger({ servers: [] }), findings: [{ path: ["servers"], message: /the platform ignores it/ }] },
];
