import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { contentKeys, toOpenApi3 } from "../../scripts/generate/openapi3.js";
import { buildApiModel } from "../../scripts/model/build.js";
import { getAtPath } from "../../scripts/model/refs.js";

const upload = {
  swagger: "2.0",
  info: { title: "t", version: "1" },
  produces: ["application/json"],
  paths: {
    "/u/{id}": {
      post: {
        operationId: "upload-file",
        consumes: ["multipart/form-data"],
        parameters: [
          { name: "id", in: "path", type: "string", required: true },
          { name: "t", in: "query", type: "array", collectionFormat: "tsv", items: { type: "string" } },
          { name: "f", in: "formData", type: "file", required: true },
        ],
        responses: { "200": { description: "x", schema: { type: "file" } }, "404": { description: "none" } },
      },
      put: {
        parameters: [{ name: "body", in: "body", schema: { $ref: "#/definitions/Thing" } }],
        responses: { "200": { description: "x", schema: { $ref: "#/definitions/Thing" } } },
      },
    },
  },
  definitions: { Thing: { type: "object", properties: { a: { type: "string" } } } },
};

describe("Swagger 2.0 → OpenAPI 3 (types only)", () => {
  test("operations carry the model's names as operationIds; the input is not changed", async () => {
    const before = structuredClone(upload);
    const model = buildApiModel(upload);
    const openapi = await toOpenApi3(upload, model.operations);
    assert.deepEqual(upload, before);
    assert.equal(getAtPath(openapi, ["paths", "/u/{id}", "post", "operationId"]), "uploadFile");
    assert.equal(getAtPath(openapi, ["paths", "/u/{id}", "put", "operationId"]), "putUById");
  });

  test("what the conversion loses, and why nothing but types reads it", async () => {
    const model = buildApiModel(upload);
    const openapi = await toOpenApi3(upload, model.operations);
    const post = ["paths", "/u/{id}", "post"];
    // formData becomes a request body; `file` a binary string (openapi-typescript would type it `string`).
    assert.deepEqual(getAtPath(openapi, [...post, "requestBody", "content", "multipart/form-data", "schema", "properties", "f"]), { type: "string", format: "binary" });
    // tsv has no OpenAPI 3 form: it survives only as an extension with a warning.
    assert.equal(getAtPath(openapi, [...post, "parameters", "1", "style"]), undefined);
    assert.match(String(getAtPath(openapi, [...post, "parameters", "1", "x-s2o-warning"])), /tsv is no longer supported/);
    // A file response becomes a "JSON" binary string under the produced media type.
    assert.deepEqual(getAtPath(openapi, [...post, "responses", "200", "content"]), { "application/json": { schema: { type: "string", format: "binary" } } });
  });

  test("contentKeys finds the media types the body and response types live under", async () => {
    const model = buildApiModel(upload);
    const openapi = await toOpenApi3(upload, model.operations);
    const [put, post] = [model.operations.find((o) => o.method === "PUT")!, model.operations.find((o) => o.method === "POST")!];
    assert.deepEqual(contentKeys(openapi, put), { body: "application/json", responses: { "200": "application/json" } });
    assert.deepEqual(contentKeys(openapi, post), { body: "multipart/form-data", responses: { "200": "application/json" } });
  });
});
