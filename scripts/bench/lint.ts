/**
 * `npm run bench:lint`: conduit lint (spectral:oas + the Power Platform ruleset, through .spectral.yaml) against
 * Spectral's recommended spectral:oas ruleset alone, on the same files, measured in the same run: the 407
 * definitions of ../shared/corpus-wide by default (the target: conduit at or below spectral:oas alone).
 * Usage: node dist/scripts/bench/lint.js [corpus-dir] [--rounds N]   (BENCH_QUICK=1: one round)
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import spectralCore from "@stoplight/spectral-core";
import type { Ruleset } from "@stoplight/spectral-core";
import spectralRulesets from "@stoplight/spectral-rulesets";
import { lintFiles } from "../lint/lint-files.js";
import { inProcessRuleset, loadRulesetFile } from "../lint/load-ruleset.js";
import { createRuleset } from "../lint/ruleset.js";
import { summary } from "./stats.js";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: "string", default: process.env["BENCH_QUICK"] === "1" ? "1" : "3" } } });
const corpus = path.resolve(positionals[0] ?? path.join(process.cwd(), "../shared/corpus-wide"));
const rounds = Number(values.rounds);
const files = readdirSync(corpus, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => path.join(corpus, e.name, "apiDefinition.swagger.json"))
  .filter((file) => existsSync(file))
  .sort();
const largest = [...files].sort((a, b) => statSync(b).size - statSync(a).size)[0]!;

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

const [oasLoad, oas] = await time(async () => new spectralCore.Ruleset({ extends: [[spectralRulesets.oas, "recommended"]] }, { severity: "recommended" }));
const conduitOptions = { routePrefix: "api" };
const [conduitLoad, conduit] = await time(async () =>
  loadRulesetFile(path.resolve(".spectral.yaml"), [inProcessRuleset("bench", createRuleset(conduitOptions))], "bench"),
);

// spectral:oas untouched plus the Power Platform rules: what the Power Platform rules cost on their own, since
// .spectral.yaml also turns some spectral:oas rules off.
const added = new spectralCore.Ruleset({ extends: [[spectralRulesets.oas, "recommended"], createRuleset(conduitOptions)] }, { severity: "recommended" });

type Variant = "oas" | "conduit" | "added";
const runs: Record<Variant, number[]> = { oas: [], conduit: [], added: [] };
const largestRuns: Record<Variant, number[]> = { oas: [], conduit: [], added: [] };
let findings: Record<Variant, number> = { oas: 0, conduit: 0, added: 0 };
const lintWith = async (name: Variant, ruleset: Ruleset) => {
  const [ms, report] = await time(() => lintFiles(files, ruleset));
  runs[name].push(ms);
  findings = { ...findings, [name]: report.results.length };
  const [largestMs] = await time(() => lintFiles([largest], ruleset));
  largestRuns[name].push(largestMs);
};
// Alternate, and rotate who goes first, so that a busy moment on a shared machine falls on every side.
const variants: [Variant, Ruleset][] = [["oas", oas], ["conduit", conduit], ["added", added]];
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < variants.length; i++) {
    const [name, ruleset] = variants[(round + i) % variants.length]!;
    await lintWith(name, ruleset);
  }
}

// The whole command, as a user runs it: a fresh node process, ruleset loading included.
const cli = fileURLToPath(new URL("../cli.js", import.meta.url));
const cliRuns: number[] = [];
for (let round = 0; round < rounds; round++) {
  const [ms] = await time(() =>
    promisify(execFile)(process.execPath, ["--input-type=module", "-e", `const m = await import(${JSON.stringify(cli)}); process.exitCode = await m.main(process.argv.slice(1)) === 2 ? 2 : 0;`, "lint", "--format", "json", largest], { maxBuffer: 64 * 1024 * 1024 }),
  );
  cliRuns.push(ms);
}
const cliMs = median(cliRuns);

const oasMs = median(runs.oas);
const conduitMs = median(runs.conduit);
const addedMs = median(runs.added);
console.log(`conduit lint bench: ${files.length} corpus definitions (${corpus}), median of ${rounds} alternating rounds; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
console.log(`  ruleset load        spectral:oas ${seconds(oasLoad)}   conduit (.spectral.yaml) ${seconds(conduitLoad)}`);
console.log(`  whole corpus        spectral:oas ${seconds(oasMs)}   conduit ${seconds(conduitMs)}   ratio ${(conduitMs / oasMs).toFixed(2)}x (target <= 1.00x: ${conduitMs <= oasMs ? "met" : "MISSED"})`);
console.log(`  all of spectral:oas + Power Platform rules ${seconds(addedMs)}   ratio ${(addedMs / oasMs).toFixed(2)}x (the Power Platform rules' own cost)`);
console.log(`  with ruleset load   spectral:oas ${seconds(oasMs + oasLoad)}   conduit ${seconds(conduitMs + conduitLoad)}   ratio ${((conduitMs + conduitLoad) / (oasMs + oasLoad)).toFixed(2)}x`);
console.log(`  largest (${path.basename(path.dirname(largest))}, ${(statSync(largest).size / 1024).toFixed(0)} KB)   spectral:oas ${seconds(median(largestRuns.oas))}   conduit ${seconds(median(largestRuns.conduit))}   conduit lint CLI end to end ${seconds(cliMs)} (target < 3 s)`);
console.log(`  findings            spectral:oas ${findings.oas}   conduit ${findings.conduit}`);
summary(`${files.length} definitions of ${path.basename(corpus)}: conduit ${seconds(conduitMs)} vs spectral:oas alone ${seconds(oasMs)}, ratio ${(conduitMs / oasMs).toFixed(2)}x (target <= 1.00x)`);
