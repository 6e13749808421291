// Every consecutive pair of real connector versions in ../shared/corpus-pairs (changes their owners shipped),
// diffed and compared with a committed snapshot; every breaking finding in it was checked by hand against both
// files, and test/diff/corpus-review.md records the verdict (the last test keeps the two in step).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import type { ReportedFinding } from "../../scripts/diff/compare/findings.js";
import { countFindings } from "../../scripts/diff/format/report.js";
import { diffFiles } from "./harness.js";

const PAIRS = path.resolve(process.cwd(), "../shared/corpus-pairs");
const SNAPSHOT = path.resolve(process.cwd(), "test/diff/corpus-pairs.snap.md");
const REVIEW = path.resolve(process.cwd(), "test/diff/corpus-review.md");

interface PairResult {
  readonly name: string;
  readonly findings: readonly ReportedFinding[];
}

let all: Promise<PairResult[]> | undefined;
/** Diffed once for both tests. */
const diffAllPairs = (): Promise<PairResult[]> => (all ??= diffEveryPair());

async function diffEveryPair(): Promise<PairResult[]> {
  const results: PairResult[] = [];
  for (const connector of readdirSync(PAIRS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const versions = readdirSync(path.join(PAIRS, connector)).filter((f) => f.endsWith(".json")).sort();
    for (let i = 1; i < versions.length; i++) {
      const [a, b] = [versions[i - 1]!, versions[i]!];
      const report = await diffFiles(path.join(PAIRS, connector, a), path.join(PAIRS, connector, b));
      results.push({ name: pairName(connector, a, b), findings: report.findings });
    }
  }
  return results;
}

function pairName(connector: string, a: string, b: string): string {
  return `${connector.replace(/^certified-connectors_/, "")} ${a.replace(/\.json$/, "")} → ${b.replace(/\.json$/, "")}`;
}

const line = (f: ReportedFinding) =>
  [f.base ? `base L${f.base.range.start.line + 1}` : "", f.head ? `head L${f.head.range.start.line + 1}` : ""].filter((s) => s !== "").join(", ");

/** The review key of a breaking finding: pair, code, operation and message (lines may move without a new review). */
export function reviewKey(pair: string, f: ReportedFinding): string {
  return `${pair} | ${f.code} | ${f.operation || "connector"} | ${f.message}`;
}

function render(results: readonly PairResult[]): string {
  const all = results.flatMap((r) => r.findings);
  const counts = countFindings(all);
  const byCode = new Map<string, number>();
  for (const f of all) byCode.set(`${f.severity} ${f.code}`, (byCode.get(`${f.severity} ${f.code}`) ?? 0) + 1);
  const out = [
    "# conduit diff on the corpus pairs",
    "",
    `${results.length} consecutive pairs of 23 real connectors: ${counts.breaking} breaking, ${counts.warning} warnings, ${counts.safe} safe.`,
    `${results.filter((r) => r.findings.some((f) => f.severity === "breaking")).length} pairs have a breaking change; ${results.filter((r) => r.findings.length === 0).length} change nothing flows or apps see.`,
    "Written by test/diff/corpus.test.ts (UPDATE_SNAPSHOTS=1 to rewrite); breaking findings are reviewed in corpus-review.md.",
    "",
    "| Severity | Code | Findings |",
    "|---|---|---|",
    ...[...byCode].sort().map(([k, n]) => `| ${k.split(" ")[0]} | ${k.split(" ")[1]} | ${n} |`),
  ];
  for (const r of results) {
    out.push("", `## ${r.name}`, "");
    if (r.findings.length === 0) out.push("(no findings)");
    for (const f of r.findings) out.push(`- ${f.severity} \`${f.code}\` **${f.operation || "connector"}**: ${f.message} (${line(f)})`);
  }
  return `${out.join("\n")}\n`;
}

const skip = !existsSync(PAIRS) && "no ../shared/corpus-pairs";

test("the corpus pairs: findings as in the reviewed snapshot", { skip }, async () => {
  const results = await diffAllPairs();
  assert.equal(results.length, 56, "56 consecutive pairs");
  const snapshot = render(results);
  if (process.env["UPDATE_SNAPSHOTS"] === "1") writeFileSync(SNAPSHOT, snapshot);
  assert.equal(snapshot, readFileSync(SNAPSHOT, "utf8"), "the corpus findings changed: review them, then rerun with UPDATE_SNAPSHOTS=1");
});

test("every breaking finding on the corpus pairs was reviewed by hand", { skip }, async () => {
  const results = await diffAllPairs();
  const reviewed = new Set(
    readFileSync(REVIEW, "utf8")
      .split("\n")
      .filter((l) => l.startsWith("- [x] "))
      .map((l) => l.slice(6).split(" ⇒ ")[0]!.trim()),
  );
  const missing = results.flatMap((r) => r.findings.filter((f) => f.severity === "breaking").map((f) => reviewKey(r.name, f))).filter((k) => !reviewed.has(k));
  assert.deepEqual(missing, [], "breaking findings without a review line in test/diff/corpus-review.md");
});
