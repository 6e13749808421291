import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const upload = (parameter: unknown) =>
  swagger({ paths: { "/files": { post: listWidgets({ operationId: "Upload", consumes: ["multipart/form-data"], parameters: [parameter] }) } } });

export const cases: RuleCase[] = [
  { name: "a formData file passes", document: upload({ name: "file", in: "formData", type: "file" }), findings: [] },
  { name: "a file response passes", document: swagger({ paths: { "/files": { get: listWidgets({ responses: { "200": { description: "The file.", schema: { type: "file" } } } }) } } }), findings: [] },
  { name: "a query file", document: upload({ name: "file", in: "query", type: "file" }), findings: [{ path: ["paths", "/files", "post", "parameters", 0, "type"], message: /FileParameterMustBeInFormData/ }] },
  {
    name: "a file property",
    document: swagger({ definitions: { Upload: { type: "object", properties: { content: { type: "file" } } } } }),
    findings: [{ path: ["definitions", "Upload", "properties", "content", "type"], message: /SchemaTypeFileNotValid/ }],
  },
];
