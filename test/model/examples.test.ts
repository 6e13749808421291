/** Values made from a spec's schemas: what the spec gives first, then what the type and bounds allow. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { exampleValue } from "../../scripts/model/examples.js";

const ROOT = {
  definitions: {
    Order: {
      type: "object",
      required: ["id", "title", "lines"],
      properties: {
        id: { type: "string", readOnly: true, example: "o-1" },
        title: { type: "string", minLength: 12, maxLength: 20 },
        note: { type: "string" },
        priority: { $ref: "#/definitions/Priority" },
        lines: { type: "array", items: { $ref: "#/definitions/Line" } },
        due: { type: "string", format: "date-time" },
        parent: { $ref: "#/definitions/Order" },
      },
    },
    Priority: { type: "string", enum: ["low", "high"], default: "high" },
    Line: { type: "object", required: ["qty"], properties: { qty: { type: "integer", minimum: 1, exclusiveMinimum: true, multipleOf: 5 } } },
    Tagged: { allOf: [{ $ref: "#/definitions/Line" }, { type: "object", properties: { tag: { type: "string", "x-ms-test-value": "t1" } } }] },
  },
};

test("a request gets the required fields and those the spec gives a value, never readOnly ones", () => {
  assert.deepEqual(exampleValue(ROOT, { $ref: "#/definitions/Order" }, { direction: "request", optional: "given" }), {
    title: "examplexxxxx",
    priority: "high",
    lines: [{ qty: 5 }],
  });
});

test("a response gets every field it can; a recursive reference stops where it would repeat", () => {
  const value = exampleValue(ROOT, { $ref: "#/definitions/Order" }, { direction: "response", optional: "all" }) as Record<string, unknown>;
  assert.deepEqual(Object.keys(value), ["id", "title", "note", "priority", "lines", "due"]);
  assert.equal(value["id"], "o-1");
  assert.equal(value["due"], "2030-01-01T09:00:00Z");
});

test("allOf merges its parts; the spec's own values win over made-up ones", () => {
  assert.deepEqual(exampleValue(ROOT, { $ref: "#/definitions/Tagged" }, { direction: "response", optional: "all" }), { qty: 5, tag: "t1" });
  assert.equal(exampleValue(ROOT, { type: "integer", maximum: 0 }, { direction: "request", optional: "given" }), 0);
  assert.equal(exampleValue(ROOT, { type: "string", "x-ms-test-value": "given", example: "not this" }, { direction: "request", optional: "given" }), "given");
  assert.equal(exampleValue(ROOT, { type: "file" }, { direction: "request", optional: "given" }), undefined);
});

test("try and mock (exampleValue) and docs (schemaSample) take the same value from the spec, in the same order", async () => {
  const { schemaSample, givenValue } = await import("../../scripts/model/examples.js");
  const { Located } = await import("../../scripts/model/contract/documents.js");
  const nodes: Record<string, unknown>[] = [
    { type: "string", "x-ms-test-value": "test", example: "example", default: "default", enum: ["first"] },
    { type: "string", example: "example", "x-example": "x-example", default: "default" },
    { type: "string", "x-example": "x-example", default: "default" },
    { type: "integer", default: 7, enum: [3, 7] },
    { type: "string", enum: ["open", "closed"] },
  ];
  for (const node of nodes) {
    const set = { main: "spec.yaml", files: new Map([["spec.yaml", node]]) };
    const docs = schemaSample(set, Located.at("spec.yaml", [], node))?.value;
    assert.deepEqual(exampleValue({}, node, { direction: "request", optional: "given" }), docs, JSON.stringify(node));
    assert.deepEqual(givenValue(node), docs, JSON.stringify(node));
  }
  // Only exampleValue invents: a schema that states nothing has a value for try, none for docs.
  const bare = { type: "string", format: "email" };
  assert.equal(exampleValue({}, bare, { direction: "request", optional: "given" }), "someone@example.com");
  assert.equal(schemaSample({ main: "spec.yaml", files: new Map([["spec.yaml", bare]]) }, Located.at("spec.yaml", [], bare)), undefined);
});
