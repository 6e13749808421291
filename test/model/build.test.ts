import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildApiModel } from "../../scripts/model/build.js";
import type { OperationModel } from "../../scripts/model/model.js";

type Doc = Record<string, unknown>;

function swagger(paths: Doc, extra: Doc = {}): Doc {
  return { swagger: "2.0", info: { title: "t", version: "1" }, paths, ...extra };
}

function only(doc: Doc): OperationModel {
  const model = buildApiModel(doc);
  assert.equal(model.operations.length, 1);
  return model.operations[0]!;
}

const ok = { "200": { description: "ok" } };

describe("buildApiModel", () => {
  const cases: { name: string; doc: Doc; check: (op: OperationModel) => void }[] = [
    {
      name: "path-level parameters through #/parameters refs merge with operation ones, which override",
      doc: swagger(
        {
          "/items/{id}": {
            parameters: [{ $ref: "#/parameters/Id" }, { name: "v", in: "query", type: "string" }],
            get: { operationId: "Get", parameters: [{ name: "v", in: "query", type: "integer", required: true }], responses: ok },
          },
        },
        { parameters: { Id: { name: "id", in: "path", type: "string", required: true } } },
      ),
      check: (op) => {
        assert.deepEqual(op.parameters.map((p) => [p.name, p.in, p.type, p.required]), [["id", "path", "string", true], ["v", "query", "integer", true]]);
        assert.equal(op.route, "items/{id}");
      },
    },
    {
      name: "header keys are lower case; arrays default to csv with an item type; defaults kept",
      doc: swagger({
        "/x": {
          get: {
            operationId: "X",
            parameters: [
              { name: "If-Match", in: "header", type: "string" },
              { name: "tags", in: "query", type: "array", items: { type: "integer" } },
              { name: "ids", in: "query", type: "array", collectionFormat: "multi", items: { type: "string", enum: ["a", "b"] } },
              { name: "mode", in: "query", type: "string", default: "fast", "x-ms-visibility": "internal" },
            ],
            responses: ok,
          },
        },
      }),
      check: (op) => {
        const [ifMatch, tags, ids, mode] = op.parameters;
        assert.equal(ifMatch?.key, "if-match");
        assert.equal(ifMatch?.name, "If-Match");
        assert.deepEqual([tags?.collectionFormat, tags?.itemType], ["csv", "integer"]);
        assert.deepEqual([ids?.collectionFormat, ids?.itemEnum], ["multi", ["a", "b"]]);
        assert.deepEqual([mode?.default, mode?.visibility], ["fast", "internal"]);
      },
    },
    {
      name: "formData fields (file included) make a form body",
      doc: swagger({
        "/upload": {
          post: {
            operationId: "Upload",
            consumes: ["multipart/form-data"],
            parameters: [
              { name: "file", in: "formData", type: "file", required: true },
              { name: "note", in: "formData", type: "string" },
            ],
            responses: ok,
          },
        },
      }),
      check: (op) => {
        assert.deepEqual(op.body, { name: "formData", required: true, encoding: "form", location: ["paths", "/upload", "post", "parameters", 0] });
        assert.deepEqual(op.parameters.map((p) => [p.key, p.in, p.type]), [["file", "formData", "file"], ["note", "formData", "string"]]);
        assert.deepEqual(op.consumes, ["multipart/form-data"]);
      },
    },
    {
      name: "binary body and file response; #/responses refs resolved; responses sorted, default last",
      doc: swagger(
        {
          "/convert": {
            post: {
              operationId: "Convert",
              consumes: ["application/octet-stream"],
              produces: ["application/pdf"],
              parameters: [{ name: "body", in: "body", required: true, schema: { type: "string", format: "binary" } }],
              responses: { default: { description: "error" }, "200": { $ref: "#/responses/File" }, "400": { description: "bad" } },
            },
          },
        },
        { responses: { File: { description: "the file", schema: { type: "file" }, headers: { "Content-Disposition": { type: "string" } } } } },
      ),
      check: (op) => {
        assert.equal(op.body?.encoding, "binary");
        assert.deepEqual(op.responses.map((r) => [r.status, r.binary]), [["200", true], ["400", false], ["default", false]]);
        assert.deepEqual(op.responses[0]?.headers, [{ name: "Content-Disposition", type: "string" }]);
      },
    },
    {
      name: "operation security overrides the document's; scopes kept; [] means none",
      doc: swagger(
        {
          "/a": { get: { operationId: "A", responses: ok }, post: { operationId: "B", security: [], responses: ok } },
        },
        {
          securityDefinitions: { oauth: { type: "oauth2", flow: "implicit", authorizationUrl: "https://x", scopes: { r: "read" } } },
          security: [{ oauth: ["r"] }],
        },
      ),
      check: () => undefined,
    },
    {
      name: "a path parameter missing from the list is added as a string",
      doc: swagger({ "/a/{id}": { get: { operationId: "A", responses: ok } } }),
      check: (op) => assert.deepEqual(op.parameters.map((p) => [p.key, p.in, p.required]), [["id", "path", true]]),
    },
  ];
  for (const c of cases.filter((c) => !c.name.startsWith("operation security"))) {
    test(c.name, () => c.check(only(c.doc)));
  }

  test("operation security overrides the document's; scopes kept; [] means none", () => {
    const model = buildApiModel(cases.find((c) => c.name.startsWith("operation security"))!.doc);
    const [a, b] = model.operations;
    assert.deepEqual(a?.security, [[{ scheme: "oauth", type: "oauth2", scopes: ["r"] }]]);
    assert.deepEqual(b?.security, []);
  });

  test("operations without operationId get a name from method and path, with a warning at the operation", () => {
    const model = buildApiModel(swagger({ "/work-orders/{id}/notes": { get: { responses: ok } } }), "spec.yaml");
    assert.equal(model.operations[0]?.name, "getWorkOrdersByIdNotes");
    assert.equal(model.operations[0]?.operationId, "getWorkOrdersByIdNotes");
    const warning = model.diagnostics.find((d) => d.message.includes("has no operationId"));
    assert.deepEqual(warning?.path, ["paths", "/work-orders/{id}/notes", "get"]);
    assert.equal(warning?.source, "spec.yaml");
  });

  test("duplicate and unusable operationIds get distinct, stable names", () => {
    const doc = swagger({
      "/a": { get: { operationId: "list-items", responses: ok }, post: { operationId: "list.items", responses: ok } },
      "/b": { get: { operationId: "listItems", responses: ok } },
    });
    const names = buildApiModel(doc).operations.map((o) => [o.operationId, o.name]);
    assert.deepEqual(names, [["listItems", "listItems"], ["list-items", "listItems2"], ["list.items", "listItems3"]]);
  });

  test("ambiguous routes are reported", () => {
    const model = buildApiModel(swagger({
      "/items/{id}": { get: { operationId: "A", responses: ok } },
      "/Items/{name}": { get: { operationId: "B", responses: ok } },
    }));
    assert.equal(model.diagnostics.filter((d) => d.code === "conduit-ambiguous-route").length, 2);
  });

  test("broken parameter references are reported and left out", () => {
    const model = buildApiModel(swagger({ "/a": { get: { operationId: "A", parameters: [{ $ref: "#/parameters/Nope" }], responses: ok } } }));
    assert.equal(model.operations[0]?.parameters.length, 0);
    assert.match(model.diagnostics[0]?.message ?? "", /#\/parameters\/Nope cannot be resolved/);
    assert.deepEqual(model.diagnostics[0]?.path, ["paths", "/a", "get", "parameters", 0]);
  });
});
