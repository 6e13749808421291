import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

const info = swagger()["info"] as Record<string, unknown>;

export const cases: RuleCase[] = [
  { name: "the known extensions pass", document: swagger({ "x-ms-docs": [], "x-ms-capabilities": { testConnection: { operationId: "ListWidgets" } }, info: { ...info, "x-ms-api-annotation": { status: "Preview" }, "x-ms-keywords": "widgets" } }), findings: [] },
  { name: "an empty unknown extension passes", document: swagger({ "x-components": {} }), findings: [] },
  { name: "a top-level extension", document: swagger({ "x-ms-openai-manifest": { humanName: "Widgets" } }), findings: [{ path: ["x-ms-openai-manifest"], message: /mark the whole connector unsupported/ }] },
  { name: "an info extension", document: swagger({ info: { ...info, "x-release-notes": "1.0" } }), findings: [{ path: ["info", "x-release-notes"], message: /The info extension/ }] },
];
