/**
 * `npm run bench:docs`: conduit docs on every connector definition of ../shared/corpus and ../shared/corpus-wide,
 * both formats: how many succeed (the bar is all of them), how many operations get a Power Fx call, and
 * the time per connector against a baseline measured in the same run: reading and parsing the same files only.
 *   node dist/scripts/bench/docs.js [corpus-dir…]   (BENCH_QUICK=1: every 4th connector)
 */
import { existsSync, readdirSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadSide } from "../diff/load/load-side.js";
import { fileSide } from "../diff/load/side.js";
import { formatReference, loadReference } from "../docs/docs.js";
import { median, ms, ratio, summary } from "./stats.js";

const quick = process.env["BENCH_QUICK"] === "1";
const { positionals } = parseArgs({ allowPositionals: true, options: {} });
const roots = (positionals.length > 0 ? positionals : ["../shared/corpus", "../shared/corpus-wide"]).map((r) => path.resolve(process.cwd(), r));

interface Connector {
  readonly name: string;
  readonly file: string | undefined;
}

const connectors: Connector[] = roots.filter(existsSync).flatMap((root) =>
  readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const file = path.join(root, d.name, "apiDefinition.swagger.json");
      return { name: `${path.basename(root)}/${d.name}`, file: existsSync(file) ? file : undefined };
    }),
);
if (connectors.length === 0) {
  process.stdout.write(`no connectors under ${roots.join(", ")}: the docs bench needs ../shared/corpus\n`);
  process.exit(1);
}
const chosen = quick ? connectors.filter((_, i) => i % 4 === 0) : connectors;
const withDefinition = chosen.filter((c): c is Connector & { file: string } => c.file !== undefined);

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

// Warm both paths on one connector so the first measured one does not pay for module loading and JIT.
const warm = withDefinition[0]!;
await loadSide(fileSide(warm.file, process.cwd()));
formatReference(await loadReference(fileSide(warm.file, process.cwd())), "json");

const failures: string[] = [];
const docsTimes: number[] = [];
const parseTimes: number[] = [];
let operations = 0;
let calls = 0;
let triggers = 0;
let unsupported = 0;
let slowest = { name: "", ms: 0 };
const started = performance.now();
for (const c of withDefinition) {
  parseTimes.push(await time(() => loadSide(fileSide(c.file, process.cwd()))));
  try {
    const elapsed = await time(async () => {
      const reference = await loadReference(fileSide(c.file, process.cwd()));
      formatReference(reference, "markdown");
      const json = JSON.parse(formatReference(reference, "json")) as { operations: { kind: string; powerFx: string | null }[] };
      operations += json.operations.length;
      calls += json.operations.filter((o) => o.powerFx !== null).length;
      triggers += json.operations.filter((o) => o.kind === "trigger").length;
      if (reference.unsupportedExtensions.length > 0) unsupported++;
    });
    docsTimes.push(elapsed);
    if (elapsed > slowest.ms) slowest = { name: c.name, ms: elapsed };
  } catch (error) {
    failures.push(`${c.name}: ${(error as Error).message.split("\n")[0]}`);
  }
}
const total = performance.now() - started;

const docsMedian = median(docsTimes);
const parseMedian = median(parseTimes);
const [one, five] = loadavg();
const noDefinition = chosen.filter((c) => c.file === undefined).map((c) => c.name);
process.stdout.write(
  [
    `conduit docs on ${chosen.length} connector folders${quick ? " (every 4th: --quick)" : ""} under ${roots.map((r) => path.relative(process.cwd(), r)).join(", ")}`,
    `machine: ${cpus().length} cores, load ${one!.toFixed(2)} / ${five!.toFixed(2)}`,
    "",
    `definitions: ${withDefinition.length}; docs succeeded: ${withDefinition.length - failures.length}; failed: ${failures.length}`,
    ...(noDefinition.length > 0 ? [`folders without an apiDefinition.swagger.json (not counted): ${noDefinition.join(", ")}`] : []),
    ...failures.map((f) => `  FAILED ${f}`),
    `operations: ${operations} (${calls} with a Power Fx call, ${triggers} triggers, ${operations - calls - triggers} internal or not callable)`,
    `connectors Power Fx's library would refuse for unknown root/info extensions: ${unsupported}`,
    "",
    `per connector, median: docs (read, model, signatures, examples, Markdown + JSON) ${ms(docsMedian)}; read and parse only (baseline) ${ms(parseMedian)}; ratio ${ratio(docsMedian / parseMedian)}`,
    `slowest: ${slowest.name} ${ms(slowest.ms)}; all ${withDefinition.length}: ${(total / 1000).toFixed(1)} s (baseline included)`,
    "",
  ].join("\n"),
);
summary(`docs: ${withDefinition.length - failures.length}/${withDefinition.length} corpus definitions documented, ${failures.length} failed; median ${ms(docsMedian)} per connector (${ratio(docsMedian / parseMedian)} of reading and parsing it)`);
process.exitCode = failures.length === 0 ? 0 : 1;
