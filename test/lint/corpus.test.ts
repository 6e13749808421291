import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { lint } from "./run-lint.js";

// 54 connectors that Power Platform accepted: any error-level finding on them is a false positive. Every warning
// is listed, grouped by rule, in a committed snapshot that a reviewer reads when it changes.
const CORPUS = path.resolve(process.cwd(), "../shared/corpus");
const SNAPSHOT = path.resolve(process.cwd(), "test/lint/corpus-warnings.snap.md");
const SEVERITY = ["error", "warning", "info", "hint"];

interface Result {
  code: string;
  message: string;
  severity: number;
  source: string;
  range: { start: { line: number; character: number } };
}

test("the corpus: no errors, and the warnings of the snapshot", { skip: !existsSync(CORPUS) && "no ../shared/corpus" }, async () => {
  const connectors = readdirSync(CORPUS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const files = connectors.flatMap((c) => ["apiDefinition.swagger.json", "apiProperties.json"].map((f) => path.join(CORPUS, c, f)));
  const run = await lint("--format", "json", ...files);
  assert.notEqual(run.code, 2, run.stdout);
  const results = JSON.parse(run.stdout) as Result[];

  const errors = results.filter((r) => r.severity === 0).map(describe);
  assert.deepEqual(errors, [], "error-level findings on connectors the platform accepted");

  const snapshot = render(results, connectors.length, files.length);
  if (process.env["UPDATE_SNAPSHOTS"] === "1") writeFileSync(SNAPSHOT, snapshot);
  assert.equal(snapshot, readFileSync(SNAPSHOT, "utf8"), "the corpus findings changed: review them, then rerun with UPDATE_SNAPSHOTS=1");
});

function describe(result: Result): string {
  const { line, character } = result.range.start;
  return `${path.relative(CORPUS, result.source)}:${line + 1}:${character + 1} ${result.message}`;
}

function render(results: readonly Result[], connectors: number, files: number): string {
  const byCode = new Map<string, Result[]>();
  for (const result of results) {
    const list = byCode.get(result.code) ?? [];
    list.push(result);
    byCode.set(result.code, list);
  }
  const codes = [...byCode.keys()].sort();
  const count = (severity: number) => results.filter((r) => r.severity === severity).length;
  const lines = [
    "# conduit lint on the corpus",
    "",
    `${connectors} accepted connectors, ${files} files: ${count(0)} errors, ${count(1)} warnings, ${count(2)} infos.`,
    "Written by test/lint/corpus.test.ts (UPDATE_SNAPSHOTS=1 to rewrite). Infos are counted, warnings listed.",
    "",
    "| Rule | Severity | Findings | Connectors |",
    "|---|---|---|---|",
    ...codes.map((code) => {
      const list = byCode.get(code)!;
      const connectorsHit = new Set(list.map((r) => path.relative(CORPUS, r.source).split(path.sep)[0]));
      return `| ${code} | ${SEVERITY[list[0]!.severity]} | ${list.length} | ${connectorsHit.size} |`;
    }),
  ];
  for (const code of codes) {
    const list = byCode.get(code)!.filter((r) => r.severity <= 1);
    if (list.length === 0) continue;
    lines.push("", `## ${code}`, "", ...list.map((r) => `- ${describe(r)}`));
  }
  return `${lines.join("\n")}\n`;
}
