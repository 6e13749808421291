/**
 * ajv's errors (real ajv, the generator's configuration) as the problem's `errors`: where each bad field is and
 * why. The wording of type and range messages is checked loosely here (adapter.test.ts pins it); the places, the
 * names and the messages this mapping writes itself are checked exactly.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createAjv } from "../../scripts/generate/ajv.js";
import type { CompiledValidator } from "../../src/runtime/contract.js";
import type { ProblemFieldError } from "../../src/runtime/handler.js";
import { describeValidationErrors } from "../../src/runtime/validation.js";

const ajv = createAjv();

function errorsFor(schema: object, data: unknown, formBody = false): ProblemFieldError[] {
  const validate = ajv.compile(schema) as CompiledValidator;
  assert.equal(validate(data), false, "the data must be invalid for this test");
  return describeValidationErrors(validate.errors ?? [], formBody);
}

/** Where each error is, and its message checked against a pattern (exact when a string). */
function assertErrors(actual: readonly ProblemFieldError[], expected: readonly [ProblemFieldError["in"], string, string | RegExp][]): void {
  assert.deepEqual(actual.map((e) => `${e.in}:${e.name}`), expected.map(([where, name]) => `${where}:${name}`));
  expected.forEach(([, name, message], index) => {
    const got = actual[index]?.message ?? "";
    if (typeof message === "string") assert.equal(got, message, name);
    else assert.match(got, message, name);
  });
  for (const error of actual) {
    if (error.in === "body") assert.equal(error.pointer, error.name, "a body field's name is its pointer");
    else assert.equal(error.pointer, undefined);
  }
}

const group = (properties: Record<string, unknown>, required: string[] = []) => ({ type: "object", properties, ...(required.length ? { required } : {}) });

describe("describeValidationErrors", () => {
  test("parameters are named as on the wire, wherever they are; array items say which", () => {
    const schema = {
      type: "object",
      required: ["path", "query", "headers"],
      properties: {
        path: group({ "id/part": { type: "integer" } }),
        query: group({ "a~b": { type: "string", maxLength: 2 }, ids: { type: "array", items: { type: "integer" } } }),
        headers: group({ "x-count": { type: "integer", minimum: 1 } }, ["x-tenant"]),
      },
    };
    assertErrors(errorsFor(schema, { path: { "id/part": "x" }, query: { "a~b": "long", ids: [1, "2", 3, "four"] }, headers: { "x-count": 0 } }), [
      ["path", "id/part", /integer/],
      ["query", "a~b", /2/],
      ["query", "ids", /integer \(item 1\)$/],
      ["query", "ids", /integer \(item 3\)$/],
      ["header", "x-tenant", "is required"],
      ["header", "x-count", /1/],
    ]);
  });

  test("body fields by JSON pointer (escaped); unknown fields, enums and formats in words; the body itself is the empty pointer", () => {
    const schema = {
      type: "object",
      properties: {
        body: {
          type: "object",
          additionalProperties: false,
          required: ["title"],
          properties: {
            "a/b~c": { type: "string" },
            kind: { type: "string", enum: ["x", "y"] },
            when: { type: "string", format: "date" },
            lines: { type: "array", items: { type: "object", required: ["qty"] } },
          },
        },
      },
    };
    assertErrors(errorsFor(schema, { body: { "a/b~c": 1, kind: "z", when: "soon", lines: [{}, { qty: 1 }, {}], extra: true } }), [
      ["body", "/title", "is required"],
      ["body", "/extra", "is not a known field"],
      ["body", "/a~1b~0c", /string/],
      ["body", "/kind", 'must be one of: "x", "y"'],
      ["body", "/when", "must be a valid date"],
      ["body", "/lines/0/qty", "is required"],
      ["body", "/lines/2/qty", "is required"],
    ]);
    assertErrors(errorsFor(schema, { body: "text" }), [["body", "", /object/]]);
    assertErrors(errorsFor({ type: "object", required: ["body"] }, {}), [["body", "", "is required"]]);
  });

  test("a form body's fields are formData parameters, not pointers", () => {
    const schema = { type: "object", properties: { body: group({ count: { type: "integer" }, tags: { type: "array", items: { type: "string", minLength: 1 } } }, ["name"]) } };
    assertErrors(errorsFor(schema, { body: { count: "x", tags: ["a", ""] } }, true), [
      ["formData", "name", "is required"],
      ["formData", "count", /integer/],
      ["formData", "tags", /\(item 1\)$/],
    ]);
  });

  test("the same complaint twice is listed once; a complaint about the request object itself (not the body) is left out", () => {
    const schema = { type: "object", properties: { query: group({ n: { allOf: [{ type: "integer" }, { type: "integer" }] } }) }, required: ["query", "other"] };
    assertErrors(errorsFor(schema, { query: { n: "x" } }), [["query", "n", /integer/]]);
  });
});
