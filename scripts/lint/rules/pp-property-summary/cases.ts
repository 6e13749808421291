import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const output = (properties: Record<string, unknown>) =>
  swagger({ paths: { "/widgets": { get: listWidgets({ responses: { "200": { description: "OK", schema: { type: "object", properties } } } }) } } });
const at = ["paths", "/widgets", "get", "responses", "200", "schema", "properties"];

export const cases: RuleCase[] = [
  { name: "a labelled property passes", document: output({ name: { type: "string", "x-ms-summary": "Name" } }), findings: [] },
  { name: "internal and referenced properties pass", document: swagger({ definitions: { W: { type: "object" } }, paths: { "/widgets": { get: listWidgets({ responses: { "200": { description: "OK", schema: { type: "object", properties: { etag: { type: "string", "x-ms-visibility": "internal" }, w: { $ref: "#/definitions/W" } } } } } }) } } }), findings: [] },
  { name: "an unused definition passes", document: swagger({ definitions: { Unused: { type: "object", properties: { a: { type: "string" } } } } }), findings: [] },
  { name: "an output property without a label", document: output({ name: { type: "string" } }), findings: [{ path: at, message: /Property without x-ms-summary \(name\): the designer shows the raw name/ }] },
  {
    name: "one finding per object",
    document: output({ a: { type: "string" }, b: { type: "string" }, c: { type: "string", "x-ms-summary": "C" } }),
    findings: [{ path: at, message: /2 properties without x-ms-summary \(a, b\)/ }],
  },
];
