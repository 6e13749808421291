/**
 * `npm run bench:diff`: conduit diff on the largest corpus connector against itself with one change (a query
 * parameter made required: one breaking finding, so positions are looked up), against Atlassian's openapi-diff
 * (npm; reads Swagger 2.0) on the same pair, measured in the same run. Also the same pair as YAML (what a conduit
 * project keeps), and the CLI end to end (process start included).
 * Usage: node dist/scripts/bench/diff.js [corpus-dir] [--rounds N]   (BENCH_QUICK=1: 5 rounds)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, statSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import openApiDiff from "openapi-diff";
import { stringify } from "yaml";
import { diffSides } from "../diff/diff.js";
import { formatStylish } from "../diff/format/stylish.js";
import { loadSide } from "../diff/load/load-side.js";
import { memorySource } from "../diff/load/side.js";
import { median, ms, ratio, summary, verdict } from "./stats.js";

const quick = process.env["BENCH_QUICK"] === "1";
const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: "string", default: quick ? "5" : "15" } } });
const corpus = path.resolve(positionals[0] ?? path.join(process.cwd(), "../shared/corpus"));
const rounds = Number(values.rounds);
const largest = readdirSync(corpus, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => path.join(corpus, e.name, "apiDefinition.swagger.json"))
  .sort((a, b) => statSync(b).size - statSync(a).size)[0]!;

type Json = Record<string, unknown>;
const original = JSON.parse(readFileSync(largest, "utf8")) as Json;
const changed = JSON.parse(JSON.stringify(original)) as Json;
const target = makeOneInputRequired(changed);
const texts = { base: JSON.stringify(original, null, 2), head: JSON.stringify(changed, null, 2) };
const yamlTexts = { base: stringify(original), head: stringify(changed) };

/**
 * The first optional input, made required: the smallest change that breaks callers. A query parameter, or else a
 * property of an inline body schema.
 */
function makeOneInputRequired(doc: Json): string {
  for (const [p, item] of Object.entries(doc["paths"] as Record<string, Json>)) {
    for (const [method, op] of Object.entries(item)) {
      const params = (op as Json)["parameters"];
      if (!Array.isArray(params)) continue;
      for (const param of params as Json[]) {
        if (param["in"] === "query" && param["required"] !== true) {
          param["required"] = true;
          return `${method.toUpperCase()} ${p}: query parameter ${String(param["name"])}`;
        }
        const schema = param["schema"] as Json | undefined;
        const properties = schema?.["properties"] as Json | undefined;
        if (param["in"] === "body" && param["required"] === true && properties) {
          const required = Array.isArray(schema!["required"]) ? (schema!["required"] as string[]) : [];
          const name = Object.keys(properties).find((k) => !required.includes(k));
          if (name === undefined) continue;
          schema!["required"] = [...required, name];
          return `${method.toUpperCase()} ${p}: body property ${name}`;
        }
      }
    }
  }
  throw new Error("the largest connector has no optional input to make required");
}

async function conduitDiff(base: string, head: string, name: string): Promise<number> {
  const report = diffSides(await loadSide(memorySource("base", { [`base.${name}`]: base })), await loadSide(memorySource("head", { [`head.${name}`]: head })));
  formatStylish(report);
  return report.findings.filter((f) => f.severity === "breaking").length;
}

async function peerDiff(base: string, head: string): Promise<string[]> {
  const outcome = await openApiDiff.diffSpecs({
    sourceSpec: { content: base, location: "base.json", format: "swagger2" },
    destinationSpec: { content: head, location: "head.json", format: "swagger2" },
  });
  return outcome.breakingDifferencesFound ? outcome.breakingDifferences.map((d) => d.code) : [];
}

async function time(work: () => Promise<unknown>, cpu?: number[]): Promise<number> {
  const usage = process.cpuUsage();
  const start = performance.now();
  await work();
  const wall = performance.now() - start;
  const spent = process.cpuUsage(usage);
  cpu?.push((spent.user + spent.system) / 1000);
  return wall;
}


const breaking = { conduit: await conduitDiff(texts.base, texts.head, "json"), peer: await peerDiff(texts.base, texts.head) };
// This project's own spec (YAML), with one optional query parameter made required: the everyday case.
const projectSpec = path.join(process.cwd(), "spec/apiDefinition.swagger.yaml");
const project = (() => {
  try {
    const text = readFileSync(projectSpec, "utf8");
    return { base: text, head: text.replace(/required: false/, "required: true"), size: text.length };
  } catch {
    return undefined;
  }
})();

const runs = { json: [] as number[], jsonCpu: [] as number[], yaml: [] as number[], peer: [] as number[], project: [] as number[] };
// conduit's rounds first, then openapi-diff's: interleaved, openapi-diff's garbage (it makes a lot) was collected
// on conduit's time and doubled its figures; forcing a collection between runs (--expose-gc) cost conduit its
// compiled code instead. Each block is warmed by the runs above.
for (let round = 0; round < rounds; round++) {
  runs.json.push(await time(() => conduitDiff(texts.base, texts.head, "json"), runs.jsonCpu));
  if (project) runs.project.push(await time(() => conduitDiff(project.base, project.head, "yaml")));
  if (round % 3 === 0) runs.yaml.push(await time(() => conduitDiff(yamlTexts.base, yamlTexts.head, "yaml")));
}
for (let round = 0; round < rounds; round++) runs.peer.push(await time(() => peerDiff(texts.base, texts.head)));

// End to end: the CLI in a fresh process (node start and module loading included), on files.
const dir = mkdtempSync(path.join(tmpdir(), "conduit-bench-diff-"));
writeFileSync(path.join(dir, "base.json"), texts.base);
writeFileSync(path.join(dir, "head.json"), texts.head);
const cli = fileURLToPath(new URL("../cli.js", import.meta.url));
const script = `const { main } = await import(${JSON.stringify(cli)}); process.exitCode = await main(["diff", "base.json", "head.json"]);`;
const cliRuns: number[] = [];
for (let i = 0; i < 5; i++) {
  cliRuns.push(
    await time(async () => {
      try {
        execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: dir, stdio: "ignore" });
      } catch {
        // exit 1: the change is breaking, as intended
      }
    }),
  );
}

const json = median(runs.json);
const peer = median(runs.peer);
const [one, five] = loadavg();
process.stdout.write(
  [
    `conduit diff benchmark: ${path.basename(path.dirname(largest))} (${(statSync(largest).size / 1024).toFixed(0)} KB) against itself with ${target} made required`,
    `machine: ${cpus().length} cores, load ${one!.toFixed(2)} / ${five!.toFixed(2)}; medians of ${rounds} rounds`,
    "",
    `conduit diff, JSON (parse, model, compare, positions, stylish): ${ms(json)} (CPU ${ms(median(runs.jsonCpu))})   breaking findings: ${breaking.conduit}   target < 100 ms: ${verdict(json < 100)}`,
    `conduit diff, the same pair as YAML (the yaml parser dominates): ${ms(median(runs.yaml))}`,
    project ? `conduit diff, this project's spec (YAML, ${(project.size / 1024).toFixed(0)} KB), one input made required: ${ms(median(runs.project))}` : "this project's spec: not found (run from the project root)",
    `openapi-diff 0.24.1 (Atlassian) on the same JSON pair:         ${ms(peer)}   breaking differences: ${breaking.peer.length} (${breaking.peer.join(", ")})`,
    `ratio openapi-diff / conduit (JSON):                           ${ratio(peer / json)}`,
    `conduit diff CLI end to end (new process, files):              ${ms(median(cliRuns))}`,
    "",
  ].join("\n"),
);
summary(`diff: largest corpus connector with one change ${ms(json)} (target < 100 ms: ${verdict(json < 100)}); openapi-diff ${ms(peer)} on the same pair (${ratio(peer / json)} slower)`);
