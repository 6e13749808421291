import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const widget = (required: unknown, extra: Record<string, unknown> = {}) => ({ type: "object", required, properties: { id: { type: "string", readOnly: true }, name: { type: "string" } }, ...extra });
const used = (schema: unknown) =>
  swagger({
    definitions: { Widget: schema },
    paths: { "/widgets": { post: listWidgets({ operationId: "CreateWidget", parameters: [{ name: "body", in: "body", schema: { $ref: "#/definitions/Widget" } }] }) } },
  });

export const cases: RuleCase[] = [
  { name: "declared properties pass", document: used(widget(["name"])), findings: [] },
  { name: "a readOnly required output passes", document: swagger({ definitions: { Widget: widget(["id"]) } }), findings: [] },
  { name: "with allOf, properties may come from the parts", document: used(widget(["other"], { allOf: [{ type: "object" }] })), findings: [] },
  { name: "an empty list", document: used(widget([])), findings: [{ path: ["definitions", "Widget", "required"], message: /RequiredPropertyArrayEmpty/ }] },
  { name: "an undeclared property", document: used(widget(["name", "colour"])), findings: [{ path: ["definitions", "Widget", "required", 1], message: /'colour' is not among/ }] },
  { name: "a readOnly property required in an input", document: used(widget(["id"])), findings: [{ path: ["definitions", "Widget", "required", 0], message: /RequiredReadOnlyPropertyNotAllowedAsInput/ }] },
];
