/**
 * conduit is a template: a team replaces the sample in spec/ and keeps the tool. The tool's tests therefore read
 * fixtures of their own (test/fixtures/), never the project's spec/; only the tests of the app itself (its
 * handlers, runtime, storage, auth, the fuzz, end-to-end runs and the outside clients) may. This test reads the tool tests' sources
 * and refuses the ways a test reaches the project's spec/, so that an edit the README describes keeps CI green.
 */
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";

const TESTS = path.resolve(process.cwd(), "test");

/** Folders whose tests exercise the app built from the project's own spec. */
const APP_TESTS = new Set(["handlers", "runtime", "storage", "auth", "fuzz", "e2e", "contract", "schemathesis"]);

/** How a test reaches the project's spec: the app's spec helper, or a path from the repository root into spec/. */
const READS_PROJECT_SPEC: readonly [RegExp, string][] = [
  [/from\s+["'][./]*helpers\/spec\.js["']/, "imports test/helpers/spec.js (the project's spec)"],
  [/\b(?:repositoryRoot|REPO|process\.cwd\(\))\s*,\s*["']spec["']/, "joins the repository root with spec/"],
  [/\b(?:repositoryRoot|REPO|process\.cwd\(\))\s*,\s*["']spec\//, "joins the repository root with spec/…"],
  [/generate\(\s*\{\s*root:\s*(?:repositoryRoot|REPO|process\.cwd\(\))/, "generates from the repository's own spec"],
  [/\bprojectLayout\(\s*\)/, "takes the project layout of the working directory (its spec/)"],
];

async function toolTestFiles(): Promise<string[]> {
  const names = await readdir(TESTS, { recursive: true });
  return names
    .filter((name) => name.endsWith(".ts") && !name.split(path.sep).includes("fixtures"))
    .filter((name) => !APP_TESTS.has(name.split(path.sep)[0] ?? ""))
    .map((name) => path.join(TESTS, name))
    .sort();
}

test("the tool's tests never read the project's spec/ (only the app's tests do)", async () => {
  const files = await toolTestFiles();
  assert.ok(files.some((f) => f.includes(`${path.sep}generate${path.sep}`)), "the tool's tests are found");
  const offences: string[] = [];
  for (const file of files) {
    // The app's helper itself, and this file's own patterns.
    if (file === path.join(TESTS, "helpers", "spec.ts") || file === path.join(TESTS, "template", "guard.test.ts")) continue;
    const text = await readFile(file, "utf8");
    for (const [pattern, what] of READS_PROJECT_SPEC) {
      if (pattern.test(text)) offences.push(`${path.relative(process.cwd(), file)} ${what}`);
    }
  }
  assert.deepEqual(offences, [], "read test/fixtures/sample (test/helpers/fixtures.ts) instead");
});

test("the guard recognises a tool test that reads the project's spec", () => {
  const samples = [
    `import { SAMPLE_SPEC } from "../helpers/spec.js";`,
    `const spec = path.join(repositoryRoot, "spec", "apiDefinition.swagger.yaml");`,
    `await readFile(path.resolve(process.cwd(), "spec/apiDefinition.swagger.yaml"));`,
    `await generate({ root: repositoryRoot, check: true });`,
  ];
  for (const sample of samples) assert.ok(READS_PROJECT_SPEC.some(([pattern]) => pattern.test(sample)), sample);
  assert.ok(!READS_PROJECT_SPEC.some(([pattern]) => pattern.test(`path.join(SAMPLE_FIXTURE, "apiDefinition.swagger.yaml")`)));
});
