import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";
import { stringify } from "yaml";
import { swagger } from "../../scripts/lint/rule-cases.js";
import { lint, lineOf, writeFiles } from "./run-lint.js";

// Bad input through the whole command and the project's ruleset: always a positioned finding and exit code 1 or
// 2, never a stack trace or a hang.
interface Result {
  code: string;
  message: string;
  severity: number;
  path: string[];
  range: { start: { line: number; character: number } };
}

async function lintJson(files: Record<string, string>): Promise<{ code: number; results: Result[]; output: string }> {
  const written = await writeFiles(files);
  const run = await lint("--format", "json", ...written);
  assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at .+:\d+:\d+/, "no stack trace");
  return { code: run.code, results: JSON.parse(run.stdout) as Result[], output: run.stdout };
}

const clean = JSON.stringify(swagger(), null, 2);

describe("conduit lint on bad input", { timeout: 120_000 }, () => {
  test("a byte-order mark: a warning at 1:1, and the file is still linted", async () => {
    const { code, results } = await lintJson({ "bom.json": `\uFEFF${clean}` });
    assert.equal(code, 1);
    assert.deepEqual(results.map((r) => [r.code, r.range.start.line, r.range.start.character]), [["parser", 0, 0]]);
    assert.match(results[0]!.message, /byte-order mark/);
  });

  test("a trailing comma: a warning at the comma (the platform's reader takes it), and the file is linted", async () => {
    const text = clean.replace(`"https"\n  ]`, `"https",\n  ]`).replace(`"host": "widgets.contoso.example.com",`, `"host": "widgets.contoso.example.com/api",`);
    const { code, results } = await lintJson({ "comma.json": text });
    assert.equal(code, 1);
    assert.deepEqual(results.map((r) => [r.code, r.severity]).sort(), [["parser", 1], ["pp-host-name", 1]]);
    const comma = results.find((r) => r.code === "parser");
    assert.match(comma?.message ?? "", /^Trailing comma: Power Platform's reader ignores it, but paconn/);
    assert.deepEqual(comma?.range.start, { line: lineOf(text, `"https",`) - 1, character: text.split("\n")[lineOf(text, `"https",`) - 1]!.indexOf(",") });
    assert.ok(results.some((r) => r.code === "pp-host-name"), "the rest of the file is linted");
  });

  test("duplicate keys: a warning at the second key, the last value read (as Power Platform does)", async () => {
    const text = clean.replace(`"host": "widgets.contoso.example.com",`, `"host": "widgets.contoso.example.com",\n  "host": "other.example.com/api",`);
    const { code, results } = await lintJson({ "dup.json": text });
    assert.equal(code, 1);
    const duplicate = results.find((r) => r.code === "parser");
    assert.deepEqual([duplicate?.severity, duplicate?.message, (duplicate?.range.start.line ?? -1) + 1], [1, "Duplicate key: host", lineOf(text, `"host": "other`)]);
    // The value read is the second one, with a path (Spectral positions it at the first key, as written).
    assert.ok(results.some((r) => r.code === "pp-host-name"), results.map((r) => r.code).join(", "));
  });

  test("JSON that ends before its objects close (as an accepted connector's file does): a warning there, and the file is linted", async () => {
    const text = clean.replace(`"host": "widgets.contoso.example.com",`, `"host": "widgets.contoso.example.com/api",`).replace(/\}\s*$/, "");
    const { code, results } = await lintJson({ "short.json": text });
    assert.equal(code, 1);
    assert.deepEqual(results.map((r) => [r.code, r.severity]).sort(), [["parser", 1], ["pp-host-name", 1]]);
    const parser = results.find((r) => r.code === "parser");
    assert.match(parser?.message ?? "", /^Expected '\}': an object is not closed\. .*lint read it as if it ended with \}\. Fix the syntax\.$/);
  });

  test("JSON a brace short in the middle that YAML still reads: a warning, and the file is linted as YAML", async () => {
    const text = clean.replace(`"title": "Contoso Widgets",`, `"title": "Contoso Widgets",\n    {"x": 1},`);
    const { code, results } = await lintJson({ "middle.json": text });
    assert.ok(code === 1, `exit ${code}`);
    const parser = results.filter((r) => r.code === "parser");
    assert.equal(parser[0]?.severity, 1);
    assert.match(parser[0]?.message ?? "", /lint read it as YAML/);
    assert.ok(results.every((r) => r.severity !== 0), results.map((r) => `${r.code} ${r.message}`).join("\n"));
  });

  test("JSON whose brackets do not match: one error, exit 2 (nothing to read leniently)", async () => {
    const text = clean.replace(`"https"\n  ]`, `"https"\n  }`);
    const { code, results } = await lintJson({ "mismatch.json": text });
    assert.equal(code, 2);
    assert.deepEqual(results.map((r) => [r.code, r.severity]), [["parser", 0]]);
  });

  test("a tab in YAML indentation: one error at the tab, exit 2", async () => {
    const text = stringify(swagger()).replace("  title: Contoso Widgets", "\ttitle: Contoso Widgets");
    const { code, results } = await lintJson({ "tabs.yaml": text });
    assert.equal(code, 2);
    assert.equal(results.length, 1);
    const tab = results.find((r) => r.code === "parser");
    assert.match(tab?.message ?? "", /tabs/i);
    assert.equal((tab?.range.start.line ?? -1) + 1, lineOf(text, "\ttitle"));
  });

  test("a file that is no connector file: an error, exit 1", async () => {
    const { code, results } = await lintJson({ "package.json": JSON.stringify({ name: "x", version: "1.0.0" }) });
    assert.equal(code, 1);
    assert.deepEqual(results.map((r) => [r.code, r.severity]), [["unrecognized-format", 0]]);
    assert.match(results[0]!.message, /neither a Swagger 2\.0 definition/);
  });

  test("an OpenAPI 3 document: pp-openapi-version at the openapi key, exit 1", async () => {
    const text = `openapi: 3.0.3\ninfo:\n  title: Widgets\n  version: "1"\npaths: {}\n`;
    const { code, results } = await lintJson({ "openapi.yaml": text });
    assert.equal(code, 1);
    const finding = results.find((r) => r.code === "pp-openapi-version");
    assert.deepEqual(finding?.path, ["openapi"]);
    assert.equal(finding?.severity, 0);
    assert.equal(finding?.range.start.line, 0);
  });

  test("a $ref to a missing file: an error at the $ref, exit 1", async () => {
    const document = swagger({ definitions: { Widget: { $ref: "./missing.yaml#/definitions/Widget" } } });
    const text = stringify(document);
    const { code, results } = await lintJson({ "ref.yaml": text });
    assert.equal(code, 1);
    const finding = results.find((r) => r.code === "invalid-ref");
    assert.match(finding?.message ?? "", /missing\.yaml/);
    assert.equal((finding?.range.start.line ?? -1) + 1, lineOf(text, "$ref: ./missing.yaml"));
  });

  test("$ref cycles: self and through parameters refused at the $ref, exit 2; a recursive schema is fine", async () => {
    const document = swagger({
      definitions: {
        Self: { $ref: "#/definitions/Self" },
        A: { type: "object", properties: { b: { $ref: "#/definitions/B" } } },
        B: { type: "object", properties: { a: { $ref: "#/definitions/A" } } },
      },
      parameters: { P: { $ref: "#/parameters/P" } },
      paths: {
        "/widgets": {
          get: {
            ...(swagger()["paths"] as Record<string, Record<string, object>>)["/widgets"]!["get"],
            parameters: [{ $ref: "#/parameters/P" }],
            responses: { "200": { description: "A.", schema: { $ref: "#/definitions/A" } } },
          },
        },
      },
    });
    const text = JSON.stringify(document, null, 2);
    const { code, results } = await lintJson({ "cycle.json": text });
    assert.equal(code, 2);
    assert.deepEqual(results.map((r) => [r.code, r.path.join("/"), r.range.start.line + 1]).sort(), [
      ["ref-cycle", "definitions/Self/$ref", lineOf(text, `"Self": {`) + 1],
      ["ref-cycle", "parameters/P/$ref", lineOf(text, `"P": {`) + 1],
    ]);
    assert.ok(results.some((r) => /^\$ref cycle: #\/definitions\/Self → #\/definitions\/Self\./.test(r.message)), results.map((r) => r.message).join("\n"));
  });

  test("a missing and a broken file next to a good one: all reported, exit 2", async () => {
    const [good, broken] = await writeFiles({ "good.json": clean, "broken.yaml": "swagger: '2.0'\ninfo: [\n" });
    const missing = path.join(path.dirname(good!), "nope.yaml");
    const run = await lint("--format", "json", good!, broken!, missing);
    assert.equal(run.code, 2);
    const sources = (JSON.parse(run.stdout) as { source: string }[]).map((r) => path.basename(r.source));
    assert.ok(sources.includes("broken.yaml") && sources.includes("nope.yaml"), sources.join(", "));
  });
});
