import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

export const cases: RuleCase[] = [
  {
    name: "a binary body passes",
    document: swagger({ paths: { "/files": { post: listWidgets({ operationId: "Upload", consumes: ["application/octet-stream"], parameters: [{ name: "body", in: "body", schema: { type: "string", format: "binary" } }] }) } } }),
    findings: [],
  },
  { name: "a binary definition passes (it may be a whole body)", document: swagger({ definitions: { File: { type: "string", format: "binary" } } }), findings: [] },
  {
    name: "a binary property",
    document: swagger({ definitions: { Upload: { type: "object", properties: { content: { type: "string", format: "binary" } } } } }),
    findings: [{ path: ["definitions", "Upload", "properties", "content", "format"], message: /format: byte/ }],
  },
];
