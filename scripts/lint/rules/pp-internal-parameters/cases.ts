import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const q = (extra: Record<string, unknown>) => ({ name: "apiVersion", in: "query", type: "string", "x-ms-visibility": "internal", ...extra });
const withQuery = (parameter: unknown) => swagger({ paths: { "/widgets": { get: listWidgets({ parameters: [parameter] }) } } });
const withBody = (schema: unknown) =>
  swagger({ paths: { "/widgets": { post: listWidgets({ operationId: "CreateWidget", parameters: [{ name: "body", in: "body", schema }] }) } } });

export const cases: RuleCase[] = [
  { name: "required, internal, with a default passes", document: withQuery(q({ required: true, default: "2024-01-01" })), findings: [] },
  { name: "optional and internal without a default passes (paging tokens)", document: withQuery(q({ required: false })), findings: [] },
  { name: "a required parameter without a default is pp-internal-required's", document: withQuery(q({ required: true })), findings: [] },
  { name: "optional and internal with a default", document: withQuery(q({ default: "x" })), findings: [{ path: ["paths", "/widgets", "get", "parameters", 0], message: /InternalPropertyWithDefaultOptional/ }] },
  {
    name: "a required internal body property without a default",
    document: withBody({ type: "object", required: ["kind"], properties: { kind: { type: "string", "x-ms-visibility": "internal" } } }),
    findings: [{ path: ["paths", "/widgets", "post", "parameters", 0, "schema", "properties", "kind"], message: /'kind' is required and internal/ }],
  },
  {
    name: "a webhook's callback URL passes: the platform fills it",
    document: withBody({ type: "object", required: ["callbackUrl"], properties: { callbackUrl: { type: "string", "x-ms-visibility": "internal", "x-ms-notification-url": true } } }),
    findings: [],
  },
  {
    name: "an internal output property passes",
    document: swagger({ paths: { "/widgets": { get: listWidgets({ responses: { "200": { description: "OK", schema: { type: "object", required: ["etag"], properties: { etag: { type: "string", "x-ms-visibility": "internal" } } } } } }) } } }),
    findings: [],
  },
];
