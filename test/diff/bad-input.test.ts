// What a user can get wrong: every case is a message naming the problem and exit 2, never a stack trace.
import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";
import { stringify } from "yaml";
import { connector } from "./fixtures.js";
import { runCli, tempDir, writeTree } from "./harness.js";

function files(extra: Record<string, string> = {}): string {
  const root = tempDir();
  writeTree(root, { "base.json": JSON.stringify(connector(), null, 2), "head.yaml": stringify(connector()), ...extra });
  return root;
}

function fails(args: string[], cwd: string, message: RegExp): string {
  const run = runCli(args, cwd);
  assert.equal(run.code, 2, `${run.stdout}${run.stderr}`);
  assert.match(run.stderr, message);
  assert.doesNotMatch(run.stderr, /internal error|\n\s+at /, "no stack trace");
  return run.stderr;
}

describe("bad input", () => {
  test("a JSON base against a YAML head of the same connector: no changes, exit 0", () => {
    const run = runCli(["diff", "base.json", "head.yaml"], files());
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /no changes to the contract/);
  });

  test("an unparsable side names the file, line and column", () => {
    const root = files({ "broken.yaml": "swagger: '2.0'\npaths:\n  /x: [unclosed\n" });
    fails(["diff", "base.json", "broken.yaml"], root, /broken\.yaml is not valid YAML or JSON\n {2}broken\.yaml:\d+:\d+ /);
  });

  test("a broken JSON side falls back to the YAML parser's positions", () => {
    const root = files({ "broken.json": '{\n  "swagger": "2.0",\n  "paths": {\n}\n' });
    fails(["diff", "base.json", "broken.json"], root, /broken\.json is not valid YAML or JSON\n {2}broken\.json:\d+:\d+/);
  });

  test("different versions on the two sides", () => {
    const root = files({ "v3.yaml": stringify({ openapi: "3.0.1", info: { title: "x", version: "1" }, paths: {} }) });
    fails(["diff", "base.json", "v3.yaml"], root, /the two sides are different versions: base\.json is Swagger 2\.0, v3\.yaml is OpenAPI 3\.0\.1/);
  });

  test("a side that is not an OpenAPI document", () => {
    const root = files({ "list.yaml": "- a\n- b\n" });
    fails(["diff", "list.yaml", "head.yaml"], root, /list\.yaml is not an OpenAPI definition/);
  });

  test("an external $ref to a URL", () => {
    const spec = connector();
    spec["paths"] = { "/x": { get: { operationId: "X", responses: { "200": { description: "ok", schema: { $ref: "https://example.com/schemas.json#/X" } } } } } };
    fails(["diff", "base.json", "remote.json"], files({ "remote.json": JSON.stringify(spec, null, 2) }), /remote\.json:\d+:\d+ +\$ref https:\/\/example\.com\/schemas\.json#\/X points to a URL/);
  });

  test("a missing file is taken for a git ref, and said so", () => {
    fails(["diff", "base.json", "nope.yaml"], files(), /head "nope\.yaml" is neither a file nor a git revision|head "nope\.yaml": no such file, and git knows no commit/);
  });

  test("usage: no base, too many arguments, an unknown format or flag", () => {
    const root = files();
    fails(["diff"], root, /conduit diff needs a base: a git ref or a file/);
    fails(["diff", "a", "b", "c"], root, /takes a base and at most one head; got 3 arguments/);
    fails(["diff", "base.json", "head.yaml", "--format", "sarif"], root, /--format must be one of stylish, markdown, json, github-actions; got "sarif"/);
    fails(["diff", "base.json", "--colour"], root, /Unknown option '--colour'/);
  });

  test("--help prints the usage and exits 0", () => {
    const run = runCli(["diff", "--help"], files());
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: conduit diff <base> \[head\] \[options\]/);
  });

  test("an unwritable --summary file", () => {
    const root = files();
    fails(["diff", "base.json", "head.yaml", "--summary", path.join(root, "no", "such", "dir", "s.md")], root, /cannot write the summary to .*: ENOENT/);
  });
});
