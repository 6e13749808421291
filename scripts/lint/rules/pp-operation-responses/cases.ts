import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const withResponses = (responses: Record<string, unknown>) => swagger({ paths: { "/hooks": { post: listWidgets({ operationId: "Subscribe", responses }) } } });

export const cases: RuleCase[] = [
  { name: "a 201 passes", document: withResponses({ "201": { description: "Subscribed." } }), findings: [] },
  { name: "no response", document: withResponses({}), findings: [{ path: ["paths", "/hooks", "post", "responses"], message: /OperationMustHaveResponse; accepted connectors have it/ }] },
  { name: "extensions only", document: withResponses({ "x-note": "none" }), findings: [{ path: ["paths", "/hooks", "post", "responses"] }] },
];
