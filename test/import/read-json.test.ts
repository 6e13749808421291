import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, open, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { UserError } from "../../scripts/diagnostics.js";
import { getAt } from "../../scripts/bundle/ordered.js";
import { MAX_IMPORT_BYTES, parseConnectorJson, readConnectorJson } from "../../scripts/import/read-json.js";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function refused(run: () => unknown, check: (error: UserError) => void): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof UserError, "a user error, not a crash");
    check(error);
    return true;
  });
}

describe("reading exported JSON as it really comes", () => {
  test("a UTF-8 byte-order mark is skipped, with a note", () => {
    const json = parseConnectorJson(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{"swagger": "2.0"}')]), "a.json");
    assert.equal(getAt(json.value, ["swagger"]), "2.0");
    assert.deepEqual(json.warnings.map((w) => w.code), ["import-bom"]);
  });

  test("trailing commas are read, each reported at the comma", () => {
    const json = parseConnectorJson(bytes('{\n  "a": [1, 2,],\n  "b": {"c": 1,},\n}'), "a.json");
    assert.deepEqual(getAt(json.value, ["a"]), [1, 2]);
    const commas = json.warnings.filter((w) => w.code === "import-trailing-comma").map((w) => [w.range.start.line + 1, w.range.start.character + 1]);
    assert.deepEqual(commas, [
      [2, 13],
      [3, 15],
      [3, 17],
    ]);
  });

  test("Latin-1 bytes are read as Windows-1252 while the UTF-8 around them stays UTF-8", () => {
    // "Café" in Latin-1 (0xE9), "Zürich" in UTF-8: a file pasted together from two editors.
    const data = new Uint8Array([...bytes('{\n  "a": "Caf'), 0xe9, ...bytes('",\n  "b": "Zürich"\n}')]);
    const json = parseConnectorJson(data, "a.json");
    assert.equal(getAt(json.value, ["a"]), "Café");
    assert.equal(getAt(json.value, ["b"]), "Zürich");
    const note = json.warnings.find((w) => w.code === "import-encoding");
    assert.ok(note);
    assert.deepEqual([note.range.start.line + 1, note.range.start.character + 1], [2, 12]);
    assert.match(note.message, /0xE9.*"é"/);
  });

  test("UTF-16 with a byte-order mark is read", () => {
    const text = '{"swagger": "2.0"}';
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")]);
    assert.equal(getAt(parseConnectorJson(utf16, "a.json").value, ["swagger"]), "2.0");
  });

  test("a syntax error is refused at its line and column", () => {
    refused(
      () => parseConnectorJson(bytes('{\n  "a": 1\n  "b": 2\n}'), "broken.json"),
      (error) => {
        assert.match(error.message, /broken\.json is not valid JSON/);
        const d = error.diagnostics[0];
        assert.equal(d?.source, "broken.json");
        assert.deepEqual([d?.range.start.line, d?.range.start.character], [2, 2]);
        assert.match(d?.message ?? "", /expected ','/);
      },
    );
    refused(
      () => parseConnectorJson(bytes(""), "empty.json"),
      (error) => assert.ok(error.diagnostics.length > 0),
    );
  });

  test("a duplicate key is refused at the second one", () => {
    refused(
      () => parseConnectorJson(bytes('{"paths": {},\n "paths": {}}'), "dup.json"),
      (error) => {
        assert.deepEqual([error.diagnostics[0]?.range.start.line, error.diagnostics[0]?.range.start.character], [1, 1]);
        assert.match(error.diagnostics[0]?.message ?? "", /duplicate key "paths"/);
      },
    );
  });

  test("rangeOf points at a key, or its closest existing parent", () => {
    const json = parseConnectorJson(bytes('{\n  "paths": {\n    "/a": {"get": {}}\n  }\n}'), "a.json");
    assert.deepEqual(json.rangeOf(["paths", "/a"]).start, { line: 2, character: 4 });
    assert.deepEqual(json.rangeOf(["paths", "/a", "post"]).start, { line: 2, character: 4 });
  });

  test("a huge file is refused before it is read, and a missing one is named", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "conduit-read-json-"));
    try {
      const huge = path.join(dir, "huge.json");
      const handle = await open(huge, "w");
      await handle.truncate(MAX_IMPORT_BYTES + 1);
      await handle.close();
      await assert.rejects(readConnectorJson(huge, "huge.json"), /huge\.json is 16\.8 MB: a connector definition must stay under 1 MB/);
      await assert.rejects(readConnectorJson(path.join(dir, "nope.json"), "nope.json"), /cannot read nope\.json: no such file/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
