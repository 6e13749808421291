import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const webhook = (responses: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  swagger({
    paths: {
      "/hooks": {
        "x-ms-notification-content": { schema: { type: "object" } },
        post: listWidgets({
          operationId: "WhenAWidgetIsCreated",
          "x-ms-trigger": "single",
          parameters: [
            {
              name: "body",
              in: "body",
              required: true,
              schema: { type: "object", required: ["callbackUrl"], properties: { callbackUrl: { type: "string", "x-ms-notification-url": true, "x-ms-visibility": "internal" } } },
            },
          ],
          responses,
        }),
      },
    },
    ...extra,
  });
const located = { "201": { description: "Subscribed.", headers: { Location: { type: "string", description: "The subscription." } } } };

export const cases: RuleCase[] = [
  { name: "201 with a Location header passes", document: webhook(located), findings: [] },
  { name: "the header name in any case passes", document: webhook({ "201": { description: "Subscribed.", headers: { location: { type: "string" } } } }), findings: [] },
  {
    name: "201 as a shared response passes",
    document: webhook({ "201": { $ref: "#/responses/Subscribed" } }, { responses: { Subscribed: located["201"] } }),
    findings: [],
  },
  { name: "200 instead of 201", document: webhook({ "200": { description: "Subscribed." } }), findings: [{ path: ["paths", "/hooks", "post", "responses"], message: /should answer 201/ }] },
  { name: "201 without Location", document: webhook({ "201": { description: "Subscribed." } }), findings: [{ path: ["paths", "/hooks", "post", "responses", "201"], message: /should declare a Location header/ }] },
  {
    name: "an action is not judged",
    document: swagger({ paths: { "/widgets": { post: listWidgets({ operationId: "CreateWidget", responses: { "200": { description: "Done." } } }) } } }),
    findings: [],
  },
];
