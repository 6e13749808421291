import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const get = (responses: unknown, more: Record<string, unknown> = {}) => swagger({ paths: { "/widgets": { get: listWidgets({ responses, ...more }) } } });

export const cases: RuleCase[] = [
  { name: "a 200 with a schema passes", document: swagger(), findings: [] },
  { name: "a 204 without schema passes", document: get({ "204": { description: "Nothing." } }), findings: [] },
  { name: "an internal GET without schema passes", document: get({ "200": { description: "OK" } }, { "x-ms-visibility": "internal" }), findings: [] },
  {
    name: "a DELETE without schema passes",
    document: swagger({ paths: { "/widgets": { delete: listWidgets({ operationId: "DeleteWidgets", responses: { "200": { description: "Deleted." } } }) } } }),
    findings: [],
  },
  {
    name: "a webhook trigger's subscription response passes",
    document: swagger({
      paths: {
        "/hooks": {
          "x-ms-notification-content": { schema: { type: "object" } },
          post: listWidgets({ operationId: "WhenCreated", "x-ms-trigger": "single", responses: { "201": { description: "Subscribed." } } }),
        },
      },
    }),
    findings: [],
  },
  { name: "a GET 200 without schema", document: get({ "200": { description: "OK" } }), findings: [{ path: ["paths", "/widgets", "get", "responses", "200"], message: /shows no outputs/ }] },
  { name: "an empty schema", document: get({ "200": { description: "OK", schema: {} } }), findings: [{ path: ["paths", "/widgets", "get", "responses", "200", "schema"], message: /schema is empty/ }] },
];
