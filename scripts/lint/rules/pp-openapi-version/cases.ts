import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

export const cases: RuleCase[] = [
  { name: "Swagger 2.0 passes", document: swagger(), findings: [] },
  {
    name: "OpenAPI 3.0 is refused",
    document: { openapi: "3.0.3", info: { title: "Widgets", version: "1" }, paths: {} },
    findings: [{ path: ["openapi"], message: /OpenAPI 3\.0\.3; Power Platform connectors take OpenAPI 2\.0 only/ }],
  },
];
