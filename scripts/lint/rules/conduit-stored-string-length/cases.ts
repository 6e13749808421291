import type { RuleCase } from "../../rule-cases.js";
import { CASE_SOURCE, swagger } from "../../rule-cases.js";

const project = { projectSpec: CASE_SOURCE };

/** A POST whose body is `schema`, beside the definitions given. */
const withBody = (schema: Record<string, unknown>, definitions: Record<string, unknown> = {}) =>
  swagger({
    paths: {
      "/widgets": {
        post: {
          operationId: "CreateWidget",
          summary: "Create a widget",
          description: "Creates a widget.",
          parameters: [{ name: "body", in: "body", required: true, schema }],
          responses: { "201": { description: "Created." } },
        },
      },
    },
    definitions,
  });

const widget = (name: Record<string, unknown>) => ({
  type: "object",
  properties: {
    name,
    colour: { type: "string", enum: ["red", "blue"] },
    picture: { type: "string", format: "binary" },
    id: { type: "string", readOnly: true },
  },
});

export const cases: RuleCase[] = [
  { name: "bounded strings pass (maxLength, enum, binary; read-only ones are not sent)", document: withBody({ $ref: "#/definitions/Widget" }, { Widget: widget({ type: "string", maxLength: 80 }) }), options: project, findings: [] },
  {
    name: "an unbounded string in a body definition",
    document: withBody({ $ref: "#/definitions/Widget" }, { Widget: widget({ type: "string" }) }),
    options: project,
    findings: [{ path: ["definitions", "Widget", "properties", "name"], message: /'name' is a string callers send with no maxLength\. Table storage refuses a string over 64 KiB/ }],
  },
  {
    name: "a date-time is unbounded too (its fraction may be any length)",
    document: withBody({ type: "object", properties: { due: { type: "string", format: "date-time" } } }),
    options: project,
    findings: [{ path: ["paths", "/widgets", "post", "parameters", 0, "schema", "properties", "due"] }],
  },
  {
    name: "strings in arrays of the body count",
    document: withBody({ type: "array", items: { type: "object", properties: { tags: { type: "array", items: { type: "string" } } } } }),
    options: project,
    findings: [{ path: ["paths", "/widgets", "post", "parameters", 0, "schema", "items", "properties", "tags", "items"] }],
  },
  { name: "definitions only read back (responses) are not judged", document: swagger({ definitions: { Widget: widget({ type: "string" }) } }), options: project, findings: [] },
  { name: "another file than the project's spec is not judged", document: withBody({ $ref: "#/definitions/Widget" }, { Widget: widget({ type: "string" }) }), options: { projectSpec: "other.yaml" }, findings: [] },
];
