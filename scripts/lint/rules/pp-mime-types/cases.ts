import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const create = (consumes: string[], schema: unknown = { type: "object", properties: { name: { type: "string" } } }) =>
  swagger({ paths: { "/widgets": { post: listWidgets({ operationId: "CreateWidget", consumes, parameters: [{ name: "body", in: "body", schema }] }) } } });

export const cases: RuleCase[] = [
  { name: "JSON in and out passes", document: swagger(), findings: [] },
  { name: "no MIME types at all passes (the platform assumes JSON)", document: swagger({ consumes: [], produces: undefined }), findings: [] },
  { name: "a +json type passes", document: create(["application/merge-patch+json"]), findings: [] },
  { name: "a binary body in octet-stream passes", document: create(["application/octet-stream"], { type: "string", format: "binary" }), findings: [] },
  { name: "not a MIME type", document: swagger({ produces: ["json"] }), findings: [{ path: ["produces", 0], message: /MimeTypeNotValid/ }, { path: ["paths", "/widgets", "get", "responses", "200"], message: /produces only json/ }] },
  { name: "an object body consumed as XML", document: create(["application/xml"]), findings: [{ path: ["paths", "/widgets", "post", "consumes"], message: /consumes no JSON type/ }] },
  {
    name: "an array output produced as text",
    document: swagger({ paths: { "/widgets": { get: listWidgets({ produces: ["text/plain"] }) } } }),
    findings: [{ path: ["paths", "/widgets", "get", "produces"], message: /The 200 response is an array, but the operation produces only text\/plain/ }],
  },
];
