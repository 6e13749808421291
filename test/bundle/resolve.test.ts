import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, writeFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { UserError } from "../../scripts/diagnostics.js";
import { getAt, stringifyJson, toPlain } from "../../scripts/bundle/ordered.js";
import { resolveExternalRefs } from "../../scripts/bundle/resolve.js";
import { loadOrderedSource } from "../../scripts/bundle/source.js";

async function withFiles(files: Record<string, string>, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "conduit-resolve-"));
  try {
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), text);
    }
    await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function externalRefs(value: unknown): string[] {
  const text = stringifyJson(value as Parameters<typeof stringifyJson>[0]);
  return [...text.matchAll(/"\$ref": "([^#"][^"]*)"/g)].map((m) => m[1] ?? "");
}

const ROOT = `swagger: "2.0"
info: { title: T, version: "1" }
paths:
  /pets/{id}:
    parameters:
      - $ref: "common/params.yaml#/PetId"
    get:
      operationId: GetPet
      responses:
        "404":
          $ref: "common/responses.yaml#/NotFound"
        "200":
          description: ok
          schema:
            $ref: "schemas/pet.yaml"
          examples:
            application/json: { "$ref": "not/a/file.yaml" }
definitions:
  Local:
    type: string
`;

test("external refs are inlined into definitions, parameters and responses; local refs and order stay", async () => {
  await withFiles(
    {
      "spec/api.yaml": ROOT,
      "spec/common/params.yaml": `PetId:\n  name: id\n  in: path\n  required: true\n  type: string\n  x-ms-url-encoding: single\n`,
      "spec/common/responses.yaml": `NotFound:\n  description: not found\n  schema:\n    $ref: "../schemas/error.yaml#/Error"\n`,
      "spec/schemas/pet.yaml": `type: object\nproperties:\n  owner:\n    $ref: "#/definitions/Owner"\n  self:\n    $ref: "pet.yaml"\ndefinitions:\n  Owner:\n    type: string\n    x-ms-summary: Owner\n`,
      "spec/schemas/error.yaml": `Error:\n  type: object\n  properties:\n    message: { type: string }\n`,
    },
    async (dir) => {
      const root = await loadOrderedSource(path.join(dir, "spec/api.yaml"));
      const out = await resolveExternalRefs(root, (file) => loadOrderedSource(file));
      const plain = toPlain(out) as Record<string, Record<string, unknown>>;
      assert.deepEqual(getAt(out, ["paths", "/pets/{id}", "parameters", 0]), new Map([["$ref", "#/parameters/PetId"]]));
      assert.equal(getAt(out, ["parameters", "PetId", "x-ms-url-encoding"]), "single");
      assert.equal(getAt(out, ["paths", "/pets/{id}", "get", "responses", "404", "$ref"]), "#/responses/NotFound");
      assert.equal(getAt(out, ["responses", "NotFound", "schema", "$ref"]), "#/definitions/Error");
      assert.equal(getAt(out, ["paths", "/pets/{id}", "get", "responses", "200", "schema", "$ref"]), "#/definitions/pet");
      assert.equal(getAt(out, ["definitions", "pet", "properties", "owner", "$ref"]), "#/definitions/Owner");
      assert.equal(getAt(out, ["definitions", "pet", "properties", "self", "$ref"]), "#/definitions/pet", "a cycle becomes a local cycle");
      assert.equal(getAt(out, ["definitions", "Owner", "x-ms-summary"]), "Owner");
      assert.equal(getAt(out, ["paths", "/pets/{id}", "get", "responses", "200", "examples", "application/json", "$ref"]), "not/a/file.yaml");
      assert.deepEqual(Object.keys(plain["definitions"] ?? {}), ["Local", "Error", "pet", "Owner"], "in the order their references are met");
      // "404" before "200" as written: plain objects would reorder integer-like keys.
      assert.ok(stringifyJson(out).indexOf('"404"') < stringifyJson(out).indexOf('"200"'));
      assert.deepEqual(externalRefs(out), ["not/a/file.yaml"], "only the example's literal $ref is left");
    },
  );
});

test("a missing target is reported at the $ref with file:line:col", async () => {
  await withFiles({ "api.yaml": `swagger: "2.0"\ninfo: { title: T, version: "1" }\ndefinitions:\n  A:\n    $ref: "other.yaml#/Nope"\n`, "other.yaml": "B: { type: string }\n" }, async (dir) => {
    const root = await loadOrderedSource(path.join(dir, "api.yaml"), "api.yaml");
    await assert.rejects(
      resolveExternalRefs(root, (file) => loadOrderedSource(file, path.basename(file))),
      (error: unknown) => {
        assert.ok(error instanceof UserError);
        const d = error.diagnostics[0];
        assert.equal(d?.source, "api.yaml");
        assert.equal(d?.range.start.line, 4);
        assert.match(d?.message ?? "", /nothing at "#\/Nope"/);
        return true;
      },
    );
  });
});
