import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createAjv } from "../../scripts/generate/ajv.js";
import { createSchemaContext, definitionSchemas, toAjvSchema, type Direction } from "../../scripts/generate/validator-schemas.js";

const root = {
  definitions: {
    Thing: {
      type: "object",
      id: 42,
      "x-ms-summary": "A thing",
      required: ["id", "name", "createdAt"],
      discriminator: "kind",
      properties: {
        id: { type: "string", readOnly: true, "x-ms-visibility": "internal" },
        name: { type: "string", example: "n", pattern: "^(?i)abc$" },
        createdAt: { $ref: "#/definitions/Stamp" },
        note: { type: "string", "x-nullable": true },
        score: { type: "number", minimum: 0, maximum: 10, exclusiveMaximum: true },
        child: { $ref: "#/definitions/Thing" },
        link: { $ref: "#/definitions/Thing/properties/name" },
      },
    },
    Stamp: { type: "string", format: "date-time", readOnly: true },
    "Odd Name/1": { type: "integer" },
  },
};

function validator(direction: Direction) {
  const context = createSchemaContext(root);
  const ajv = createAjv();
  for (const schema of definitionSchemas(context, direction)) ajv.addSchema(schema);
  const validate = ajv.compile(toAjvSchema({ $ref: "#/definitions/Thing" }, context, direction));
  return (data: unknown) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`).sort());
}

describe("Swagger schemas for ajv", () => {
  test("only validation keywords survive: no x-ms-*, example, discriminator, readOnly or non-string id", () => {
    const context = createSchemaContext(root);
    const thing = toAjvSchema(root.definitions.Thing, context, "response");
    const text = JSON.stringify(thing);
    for (const gone of ["x-ms-", "example", "discriminator", "readOnly", '"id":42']) assert.ok(!text.includes(gone), gone);
  });

  test("a pattern JavaScript cannot compile is dropped and reported", () => {
    const context = createSchemaContext(root);
    const thing = toAjvSchema(root.definitions.Thing, context, "request");
    assert.deepEqual((thing["properties"] as Record<string, Record<string, unknown>>)["name"], { type: "string" });
    assert.match(context.problems[0] ?? "", /\^\(\?i\)abc\$.*not a JavaScript regular expression/);
  });

  test("definition names that are not URI-safe still resolve", () => {
    const context = createSchemaContext(root);
    assert.deepEqual(toAjvSchema({ $ref: "#/definitions/Odd%20Name~11" }, context, "request"), { $ref: "request:Odd_Name_1" });
  });

  const cases: { name: string; direction: Direction; data: unknown; errors: string[] }[] = [
    { name: "a request need not carry readOnly properties", direction: "request", data: { name: "n" }, errors: [] },
    { name: "a response must", direction: "response", data: { name: "n" }, errors: [" required", " required"] },
    { name: "x-nullable allows null", direction: "response", data: { id: "1", name: "n", createdAt: "2026-01-01T00:00:00Z", note: null }, errors: [] },
    { name: "boolean exclusiveMaximum (draft-04)", direction: "request", data: { name: "n", score: 10 }, errors: ["/score maximum"] },
    { name: "recursion through $ref", direction: "request", data: { name: "n", child: { name: 3 } }, errors: ["/child/name type"] },
    { name: "a reference into a definition", direction: "request", data: { name: "n", link: 5 }, errors: ["/link type"] },
    { name: "formats are checked", direction: "response", data: { id: "1", name: "n", createdAt: "yesterday" }, errors: ["/createdAt format"] },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(validator(c.direction)(c.data), c.errors));
});
