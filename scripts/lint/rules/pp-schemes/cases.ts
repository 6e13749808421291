import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

const { schemes: _omitted, ...noSchemes } = swagger();

export const cases: RuleCase[] = [
  { name: "https passes", document: swagger(), findings: [] },
  { name: "https and http pass", document: swagger({ schemes: ["https", "http"] }), findings: [] },
  { name: "missing", document: noSchemes, findings: [{ path: [], message: /SchemesArrayEmpty/ }] },
  { name: "empty", document: swagger({ schemes: [] }), findings: [{ path: ["schemes"] }] },
  { name: "websockets", document: swagger({ schemes: ["https", "wss"] }), findings: [{ path: ["schemes", 1], message: /'wss' is not supported/ }] },
];
