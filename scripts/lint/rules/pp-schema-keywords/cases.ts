import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const input = (schema: unknown) => swagger({ paths: { "/widgets": { post: listWidgets({ operationId: "CreateWidget", parameters: [{ name: "body", in: "body", schema }] }) } } });

export const cases: RuleCase[] = [
  { name: "a flat object passes", document: input({ type: "object", properties: { name: { type: "string" } } }), findings: [] },
  { name: "additionalProperties on an output passes", document: swagger({ definitions: { Bag: { type: "object", additionalProperties: { type: "string" } } } }), findings: [] },
  { name: "additionalProperties: false passes", document: input({ type: "object", additionalProperties: false }), findings: [] },
  { name: "allOf", document: swagger({ definitions: { W: { allOf: [{ type: "object" }] } } }), findings: [{ path: ["definitions", "W", "allOf"], message: /'allOf' is not supported by Power Fx/ }] },
  { name: "x-nullable", document: swagger({ definitions: { W: { type: "string", "x-nullable": true } } }), findings: [{ path: ["definitions", "W", "x-nullable"], message: /ignored/ }] },
  {
    name: "additionalProperties in a body",
    document: input({ type: "object", additionalProperties: { type: "string" } }),
    findings: [{ path: ["paths", "/widgets", "post", "parameters", 0, "schema", "additionalProperties"], message: /dictionary/ }],
  },
];
