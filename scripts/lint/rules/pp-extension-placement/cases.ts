import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

export const cases: RuleCase[] = [
  { name: "x-ms-visibility on an operation passes", document: swagger({ paths: { "/widgets": { get: listWidgets({ "x-ms-visibility": "advanced" }) } } }), findings: [] },
  {
    name: "x-ms-notification-content on a path item passes",
    document: swagger({ paths: { "/hooks": { "x-ms-notification-content": { schema: { type: "object" } }, post: listWidgets({ operationId: "Hook" }) } } }),
    findings: [],
  },
  {
    name: "x-ms-api-annotation at the top level",
    document: swagger({ "x-ms-api-annotation": { status: "Preview" } }),
    findings: [{ path: ["x-ms-api-annotation"], message: /not read on the top level.*belongs on info, an operation/ }],
  },
  {
    name: "x-ms-pageable on a response",
    document: swagger({ paths: { "/widgets": { get: listWidgets({ responses: { "200": { description: "OK", schema: { type: "string" }, "x-ms-pageable": { nextLinkName: "nextLink" } } } }) } } }),
    findings: [{ path: ["paths", "/widgets", "get", "responses", "200", "x-ms-pageable"], message: /belongs on an operation/ }],
  },
  {
    name: "x-ms-enum-values on a body parameter",
    document: swagger({ paths: { "/widgets": { post: listWidgets({ operationId: "Create", parameters: [{ name: "body", in: "body", schema: { type: "string" }, "x-ms-enum-values": [] }] }) } } }),
    findings: [{ path: ["paths", "/widgets", "post", "parameters", 0, "x-ms-enum-values"] }],
  },
];
