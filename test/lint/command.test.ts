import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";
import { UserError } from "../../scripts/diagnostics.js";
import { lint, lineOf, writeFiles } from "./run-lint.js";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";

// The command's mechanics (exit codes, formats, positions) against Spectral's own OpenAPI rules only, so that
// these tests do not move when Power Platform rules change; the project's ruleset is tested on the sample.
const OAS_ONLY = `extends: [spectral:oas]\n`;

const WIDGETS = `swagger: "2.0"
info:
  title: Widgets
  version: "1.0"
  description: Widgets for testing the linter.
  contact:
    name: Widget team
    email: widgets@example.com
    url: https://example.com
host: widgets.example.com
basePath: /api
schemes: [https]
produces: [application/json]
tags:
  - name: Widgets
    description: The widgets.
paths:
  /widgets:
    get:
      operationId: ListWidgets
      summary: List widgets
      description: Lists the widgets.
      tags: [Widgets]
      responses:
        "200":
          description: The widgets.
`;

/** The same document with one warning: the operation has no description (spectral:oas operation-description). */
const UNDESCRIBED = WIDGETS.replace("      description: Lists the widgets.\n", "");

const UNDESCRIBED_JSON = JSON.stringify(
  {
    swagger: "2.0",
    info: { title: "Widgets", version: "1.0", description: "Widgets for testing the linter.", contact: { name: "Widget team", email: "widgets@example.com", url: "https://example.com" } },
    host: "widgets.example.com",
    basePath: "/api",
    schemes: ["https"],
    produces: ["application/json"],
    tags: [{ name: "Widgets", description: "The widgets." }],
    paths: { "/widgets": { get: { operationId: "ListWidgets", summary: "List widgets", tags: ["Widgets"], responses: { "200": { description: "The widgets." } } } } },
  },
  null,
  2,
);

async function setup(files: Record<string, string>, ruleset = OAS_ONLY): Promise<{ ruleset: string; files: string[] }> {
  const [rulesetFile, ...rest] = await writeFiles({ ".spectral.yaml": ruleset, ...files });
  return { ruleset: rulesetFile!, files: rest };
}

describe("conduit lint: exit codes", () => {
  test("0 for the sample's spec and apiProperties (the tool's fixture) with the project's ruleset, with timing on stderr", async () => {
    // The fixture, not spec/: a team's own spec may have findings of its own, which `conduit lint` in CI reports.
    const run = await lint(path.join(SAMPLE_FIXTURE, "apiDefinition.swagger.yaml"), path.join(SAMPLE_FIXTURE, "apiProperties.yaml"));
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /^conduit lint: no findings; 2 files in \d+\.\d\d s \(ruleset \d+\.\d\d s, lint \d+\.\d\d s\)\n$/);
  });

  test("0 for a clean inline document", async () => {
    const { ruleset, files } = await setup({ "clean.yaml": WIDGETS });
    const run = await lint("--ruleset", ruleset, ...files);
    assert.equal(run.code, 0, run.stdout);
  });

  test("1 for a warning at the default fail severity, 0 when only errors fail", async () => {
    const { ruleset, files } = await setup({ "undescribed.yaml": UNDESCRIBED });
    assert.equal((await lint("--ruleset", ruleset, ...files)).code, 1);
    assert.equal((await lint("--ruleset", ruleset, "--fail-severity", "error", ...files)).code, 0);
  });

  test("info and hint findings fail only at their own threshold", async () => {
    for (const level of ["info", "hint"] as const) {
      const { ruleset, files } = await setup({ "undescribed.yaml": UNDESCRIBED }, `${OAS_ONLY}rules:\n  operation-description: ${level}\n`);
      assert.equal((await lint("--ruleset", ruleset, ...files)).code, 0, level);
      assert.equal((await lint("--ruleset", ruleset, "--fail-severity", level, ...files)).code, 1, level);
      assert.equal((await lint("--ruleset", ruleset, "--fail-severity", "hint", ...files)).code, 1, level);
    }
  });

  test("2 for a missing file, with a positioned message and no stack trace", async () => {
    const { ruleset, files } = await setup({ "clean.yaml": WIDGETS });
    const missing = path.join(path.dirname(files[0]!), "missing.yaml");
    const run = await lint("--ruleset", ruleset, "--format", "json", files[0]!, missing);
    assert.equal(run.code, 2);
    const results = JSON.parse(run.stdout) as { code: string; message: string; source: string; range: { start: { line: number } } }[];
    assert.deepEqual(results.map((r) => [r.code, r.message, r.source, r.range.start.line]), [["parser", "missing.yaml: no such file", missing, 0]]);
  });

  test("2 for a YAML syntax error, reported at the bracket left open", async () => {
    const text = `swagger: "2.0"\ninfo:\n  title: Widgets\n  tags: [a, b\npaths: {}\n`;
    const { ruleset, files } = await setup({ "broken.yaml": text });
    const run = await lint("--ruleset", ruleset, ...files);
    assert.equal(run.code, 2);
    assert.match(run.stdout, /broken\.yaml/);
    assert.match(run.stdout, /\s4:9\s+error\s+parser\s+This \[ is never closed: add \]/);
    assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at /);
  });

  test("a duplicate key at the severity the ruleset's parserOptions give (Spectral's default: error), at the second key", async () => {
    const text = `swagger: "2.0"\ninfo:\n  title: Widgets\n  title: Gadgets\n  version: "1"\npaths: {}\n`;
    const { ruleset, files } = await setup({ "dup.yaml": text });
    const run = await lint("--ruleset", ruleset, "--format", "json", ...files);
    assert.equal(run.code, 1);
    const results = JSON.parse(run.stdout) as { code: string; message: string; severity: number; range: { start: { line: number; character: number } } }[];
    const duplicate = results.find((r) => r.code === "parser");
    assert.equal(duplicate?.message, "Duplicate key: title");
    assert.equal(duplicate?.severity, 0);
    assert.deepEqual(duplicate?.range.start, { line: 3, character: 2 });
  });

  test("2 for a top level that is not an object", async () => {
    const { ruleset, files } = await setup({ "list.yaml": "- a\n- b\n" });
    const run = await lint("--ruleset", ruleset, ...files);
    assert.equal(run.code, 2);
    assert.match(run.stdout, /the top level must be an object/);
  });

  test("bad usage is a UserError with exit code 2", async () => {
    for (const args of [["--format", "xml"], ["--fail-severity", "fatal"]]) {
      await assert.rejects(lint(...args), (error: unknown) => error instanceof UserError && error.exitCode === 2 && /must be one of/.test(error.message));
    }
  });

  test("a missing ruleset is a UserError with exit code 2", async () => {
    await assert.rejects(lint("--ruleset", "/nonexistent/.spectral.yaml"), (error: unknown) => error instanceof UserError && error.exitCode === 2);
  });

  test("--help prints the options and exits 0", async () => {
    const run = await lint("--help");
    assert.equal(run.code, 0);
    for (const flag of ["--format", "--fail-severity", "--certification", "--since"]) assert.match(run.stdout, new RegExp(flag));
  });
});

describe("conduit lint: formats point at the right lines", () => {
  // Spectral places a finding on an object at the start of its value: just after "get:" in YAML, at "{" in JSON.
  const operationLine = lineOf(UNDESCRIBED, "    get:");
  const operationCol = "    get:".length + 1;
  const jsonLine = lineOf(UNDESCRIBED_JSON, `"get": {`);
  const jsonCol = (UNDESCRIBED_JSON.split("\n")[jsonLine - 1] ?? "").indexOf("{") + 1;

  test("stylish lists file, line:col, severity, code and path", async () => {
    const { ruleset, files } = await setup({ "undescribed.yaml": UNDESCRIBED });
    const run = await lint("--ruleset", ruleset, ...files);
    assert.match(run.stdout, new RegExp(`\\s${operationLine}:${operationCol}\\s+warning\\s+operation-description\\s.*paths\\./widgets\\.get`));
  });

  test("json has Spectral's result shape, for YAML and JSON sources alike", async () => {
    const { ruleset, files } = await setup({ "undescribed.yaml": UNDESCRIBED, "undescribed.json": UNDESCRIBED_JSON });
    const run = await lint("--ruleset", ruleset, "--format", "json", ...files);
    const results = JSON.parse(run.stdout) as Record<string, unknown>[];
    assert.equal(results.length, 2);
    const expectedStarts = [{ line: operationLine - 1, character: operationCol - 1 }, { line: jsonLine - 1, character: jsonCol - 1 }];
    results.forEach((result, i) => {
      assert.deepEqual(Object.keys(result).sort(), ["code", "documentationUrl", "message", "path", "range", "severity", "source"]);
      assert.equal(result["code"], "operation-description");
      assert.equal(result["severity"], 1);
      assert.equal(result["source"], files[i]);
      assert.deepEqual(result["path"], ["paths", "/widgets", "get"]);
      assert.deepEqual((result["range"] as { start: unknown }).start, expectedStarts[i]);
    });
  });

  test("github-actions annotations carry file, line and col", async () => {
    const { ruleset, files } = await setup({ "undescribed.yaml": UNDESCRIBED, "undescribed.json": UNDESCRIBED_JSON });
    const run = await lint("--ruleset", ruleset, "--format", "github-actions", ...files);
    const lines = run.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, new RegExp(`^::warning title=operation-description,file=${escape(path.relative(process.cwd(), files[0]!))},col=${operationCol},.*line=${operationLine},.*::Operation "description" must be present`));
    assert.match(lines[1]!, new RegExp(`^::warning title=operation-description,file=${escape(path.relative(process.cwd(), files[1]!))},col=${jsonCol},.*line=${jsonLine},`));
  });

  test("sarif locations carry the file and region", async () => {
    const { ruleset, files } = await setup({ "undescribed.yaml": UNDESCRIBED });
    const run = await lint("--ruleset", ruleset, "--format", "sarif", ...files);
    const sarif = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
    const [result] = sarif.runs[0]!.results;
    assert.equal(result?.ruleId, "operation-description");
    assert.equal(result?.level, "warning");
    const location = result?.locations[0]?.physicalLocation;
    assert.equal(location?.artifactLocation.uri, path.relative(process.cwd(), files[0]!));
    assert.deepEqual([location?.region.startLine, location?.region.startColumn], [operationLine, operationCol]);
  });

  test("many files in one run keep their order and their own sources", async () => {
    const { ruleset, files } = await setup({ "a.yaml": UNDESCRIBED, "b.yaml": WIDGETS, "c.json": UNDESCRIBED_JSON });
    const run = await lint("--ruleset", ruleset, "--format", "json", ...files);
    const sources = (JSON.parse(run.stdout) as { source: string }[]).map((r) => path.basename(r.source));
    assert.deepEqual(sources, ["a.yaml", "c.json"]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
