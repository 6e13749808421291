/** The requests `conduit try` builds from a spec's test values, examples and types. */
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, test } from "node:test";
import { parse } from "yaml";
import { buildApiModel } from "../../scripts/model/build.js";
import type { OperationModel } from "../../scripts/model/model.js";
import { loadSwagger } from "../../scripts/spec/load.js";
import { buildRequest } from "../../scripts/try/inputs.js";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";

describe("the requests of conduit try", () => {
  let root: Record<string, unknown>;
  let operations: readonly OperationModel[];
  const byId = (id: string) => operations.find((o) => o.operationId === id)!;

  before(async () => {
    root = (await loadSwagger(path.join(SAMPLE_FIXTURE, "apiDefinition.swagger.yaml"))).data as Record<string, unknown>;
    operations = buildApiModel(root).operations;
  });

  test("a path variable takes the id a create returned, encoded; else its x-ms-test-value", () => {
    assert.equal(buildRequest(root, byId("GetWorkOrder"), new Map([["workOrderId", "a b/c"]])).path, "/workorders/a%20b%2Fc");
    assert.equal(buildRequest(root, byId("GetWorkOrder"), new Map()).path, "/workorders/6f1c2f9e-2d7b-4a8e-9a31-3c5b2f0e7d41");
  });

  test("a body is the schema's example; optional inputs without a test value are left out, as the Test tab leaves them", () => {
    const definitions = root["definitions"] as Record<string, { example: unknown }>;
    const create = buildRequest(root, byId("CreateWorkOrder"), new Map());
    assert.deepEqual(create.body, { kind: "json", contentType: "application/json", value: definitions["NewWorkOrder"]!.example });
    const update = buildRequest(root, byId("UpdateWorkOrder"), new Map([["workOrderId", "w1"]]));
    assert.deepEqual(update.headers, {}, "If-Match is optional and has no test value");
    assert.deepEqual(update.body?.kind === "json" && update.body.value, definitions["WorkOrderChanges"]!.example);
    assert.deepEqual(buildRequest(root, byId("ListWorkOrders"), new Map()).query, [], "no filter, no page size, no internal skipToken");
  });

  test("required inputs get a value from the spec or their type; arrays by collection format; internal ones their default", () => {
    const spec = parse(`
swagger: "2.0"
info: { title: t, version: "1" }
consumes: [application/x-www-form-urlencoded]
paths:
  /search/{kind}:
    post:
      operationId: Search
      parameters:
        - { name: kind, in: path, required: true, type: string, enum: [books, films] }
        - { name: tags, in: query, required: true, type: array, collectionFormat: pipes, items: { type: string }, x-ms-test-value: [a, b] }
        - { name: ids, in: query, required: true, type: array, collectionFormat: multi, items: { type: integer, minimum: 3 } }
        - { name: api-version, in: query, required: true, type: string, default: "2024-01-01", x-ms-visibility: internal }
        - { name: cursor, in: query, required: false, type: string, x-ms-visibility: internal, x-ms-test-value: c1 }
        - { name: top, in: query, required: false, type: integer, x-ms-test-value: 5 }
        - { name: X-Trace, in: header, required: true, type: string, format: uuid }
        - { name: title, in: formData, required: true, type: string, minLength: 10 }
        - { name: note, in: formData, required: false, type: string }
      responses: { "200": { description: ok } }
`) as Record<string, unknown>;
    const [search] = buildApiModel(spec).operations;
    const request = buildRequest(spec, search!, new Map());
    assert.equal(request.path, "/search/books");
    assert.deepEqual(request.query, [["tags", "a|b"], ["ids", "3"], ["api-version", "2024-01-01"], ["top", "5"]]);
    assert.deepEqual(request.headers, { "X-Trace": "00000000-0000-4000-8000-000000000000" });
    assert.deepEqual(request.body, { kind: "form", contentType: "application/x-www-form-urlencoded", fields: [{ name: "title", value: "examplexxx" }] });
  });
});
