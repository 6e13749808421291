import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

const { basePath: _omitted, ...noBase } = swagger();

export const cases: RuleCase[] = [
  { name: "/api passes", document: swagger(), findings: [] },
  { name: "no basePath passes", document: noBase, findings: [] },
  { name: "/ passes", document: swagger({ basePath: "/" }), findings: [] },
  { name: "no leading slash", document: swagger({ basePath: "api" }), findings: [{ path: ["basePath"], message: /BasePathNotValid/ }] },
  { name: "a query", document: swagger({ basePath: "/api?code=1" }), findings: [{ path: ["basePath"] }] },
];
