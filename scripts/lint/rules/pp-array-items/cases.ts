import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

export const cases: RuleCase[] = [
  { name: "an array of strings passes", document: swagger({ definitions: { Tags: { type: "array", items: { type: "string" } } } }), findings: [] },
  { name: "a schema array without items", document: swagger({ definitions: { Tags: { type: "array" } } }), findings: [{ path: ["definitions", "Tags"], message: /documented as ArrayHasNoItems; an accepted connector has it/ }] },
  {
    name: "a nested property without items",
    document: swagger({ definitions: { Widget: { type: "object", properties: { tags: { type: "array" } } } } }),
    findings: [{ path: ["definitions", "Widget", "properties", "tags"] }],
  },
  {
    name: "a response header without items",
    document: swagger({ paths: { "/widgets": { get: listWidgets({ responses: { "200": { description: "OK", schema: { type: "string" }, headers: { Links: { type: "array" } } } } }) } } }),
    findings: [{ path: ["paths", "/widgets", "get", "responses", "200", "headers", "Links"] }],
  },
];
