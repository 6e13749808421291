/**
 * `npm run bench:startup`: cold start and scale, measured in the same run.
 *
 * Cold start: process start → every operation registered → first request answered, in fresh processes, for
 * the sample, the corpus's largest connector and a synthetic 219-operation spec (the issue's largest connector
 * is not in the corpus), against (a) the same app registered by hand without validation and (b) the same app
 * compiling its ajv validators at start-up. Targets: within 1.3x of (a); at least 10x faster than (b) on the
 * largest connector. Scale: generate time and cold start for 10, 50 and 219 operations taken from the corpus.
 * Each spec is generated into a temp project and compiled with tsc first (temp-project.ts).
 *
 *   node .out/NAME/scripts/bench/startup.js [--runs N] [--quick]
 */
import { loadavg, cpus } from "node:os";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { generate } from "../generate/generate.js";
import { loadOperations, writeAppVariants } from "./app-variants.js";
import { firstRequest, measureColdStart, VARIANTS, type VariantFigures, type VariantName } from "./cold-start.js";
import { largestConnector, sampleSpec, syntheticSpec, type BenchSpec } from "./corpus.js";
import { median, mb, ms, ratio, summary, verdict } from "./stats.js";
import { createTempProject, type TempProject } from "./temp-project.js";

const LABELS: Readonly<Record<VariantName, string>> = {
  bare: "(a) hand-registered, no validation",
  conduit: "conduit (real entry; auth off)",
  conduitWithoutAuth: "conduit without the auth guard",
  compileAtStart: "(b) ajv compiles at start-up",
};

interface Measured {
  readonly spec: BenchSpec;
  readonly project: TempProject;
  readonly generateMs: number;
  readonly figures: Readonly<Record<VariantName, VariantFigures>>;
}

async function measure(spec: BenchSpec, runs: number): Promise<Measured> {
  process.stdout.write(`\n${spec.name}: ${(spec.text.length / 1024).toFixed(0)} KB\n`);
  const project = await createTempProject(spec);
  try {
    // Generate twice more into the same project, for a median with the first (file-writing) run.
    const generateRuns = [project.generateMs];
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      await generate({ root: project.root, spec: project.spec, out: `${project.root}/generated`, handlers: `${project.root}/src/handlers`, runtime: `${project.root}/src/runtime` });
      generateRuns.push(performance.now() - started);
    }
    const generateMs = median(generateRuns);
    process.stdout.write(
      `  ${project.operations} operations; generate ${ms(generateMs)} (median of 3); tsc ${ms(project.compileMs)}` +
        `${project.typeErrors.length > 0 ? `; tsc reported ${project.typeErrors.length} type errors in generated code (emitted anyway), first: ${project.typeErrors[0]}` : ""}` +
        `${project.otherTypeErrors > 0 ? `; ${project.otherTypeErrors} in the repository's src/ as copied (not this spec's)` : ""}\n`,
    );
    const operations = await loadOperations(project);
    const variants = await writeAppVariants(project, operations);
    const request = firstRequest(operations);
    const figures = (await measureColdStart(variants, request, runs)) as Record<VariantName, VariantFigures>;
    printFigures(figures, request.name, runs);
    return { spec, project, generateMs, figures };
  } catch (error) {
    await project.remove();
    throw error;
  }
}

function printFigures(figures: Readonly<Record<VariantName, VariantFigures>>, first: string, runs: number): void {
  const base = figures.bare;
  process.stdout.write(`  cold start, median of ${runs} fresh processes each (first request: ${first})\n`);
  process.stdout.write(
    `    ${"".padEnd(36)} ${"registered".padStart(10)} ${"answered".padStart(9)} ${"vs (a)".padStart(7)} ${"above (a)".padStart(9)} ${"CPU".padStart(8)} ${"spawn→answer".padStart(12)} ${"RSS".padStart(8)}  status\n`,
  );
  for (const variant of VARIANTS) {
    const f = figures[variant];
    process.stdout.write(
      `    ${LABELS[variant].padEnd(36)} ${ms(f.registeredMs).padStart(10)} ${ms(f.answeredMs).padStart(9)} ${ratio(f.answeredMs / base.answeredMs).padStart(7)} ` +
        `${signedMs(f.answeredMs - base.answeredMs).padStart(9)} ${ms(f.cpuMs).padStart(8)} ${ms(f.wallMs).padStart(12)} ${mb(f.rssBytes).padStart(8)}  ${f.statuses.join(",")}\n`,
    );
  }
}

function signedMs(value: number): string {
  return `${value >= 0 ? "+" : ""}${value.toFixed(0)} ms`;
}

/** Start-up work above the hand-registered floor, (b) against conduit; undefined when conduit's is within noise. */
function overheadRatio(f: Readonly<Record<VariantName, VariantFigures>>): number | undefined {
  const conduit = f.conduit.answeredMs - f.bare.answeredMs;
  const compile = f.compileAtStart.answeredMs - f.bare.answeredMs;
  return conduit > 1 ? compile / conduit : undefined;
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({ options: { runs: { type: "string" }, quick: { type: "boolean", default: process.env["BENCH_QUICK"] === "1" } }, strict: true });
  const runs = Number(args.runs ?? (args.quick ? 3 : 15));
  process.stdout.write(`conduit start-up bench: load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; Node ${process.version}\n`);
  process.stdout.write("Times are ms since the process started (Node's own start-up included), read inside the process; spawn→answer is the same seen from outside.\n");

  const results: Measured[] = [];
  const run = async (spec: BenchSpec | undefined, why: string): Promise<Measured | undefined> => {
    if (spec === undefined) {
      process.stdout.write(`\n(skipped: ${why})\n`);
      return undefined;
    }
    const measured = await measure(spec, runs);
    results.push(measured);
    return measured;
  };
  try {
    const sample = await run(sampleSpec(), "");
    const largest = await run(largestConnector(), "no ../shared/corpus beside the repository");
    const scale: (Measured | undefined)[] = [];
    for (const count of [10, 50]) scale.push(await run(syntheticSpec(count), `the corpus has fewer than ${count} operations`));
    const synthetic = await run(syntheticSpec(219), "the corpus has fewer than 219 operations");
    scale.push(synthetic);

    process.stdout.write("\nScale (synthetic specs: the first N operations of the corpus, largest connectors first; cold start = answered, median)\n");
    process.stdout.write(
      `  ${"operations".padStart(10)} ${"spec".padStart(8)} ${"generate".padStart(9)} ${"tsc".padStart(9)}  ${"(a) bare".padStart(9)} ${"conduit".padStart(9)} ${"no auth".padStart(9)} ${"(b) ajv".padStart(9)}  conduit/(a)  (b)/conduit\n`,
    );
    const scaled = scale.filter((m): m is Measured => m !== undefined);
    for (const m of scaled) {
      const f = m.figures;
      process.stdout.write(
        `  ${String(m.project.operations).padStart(10)} ${`${(m.spec.text.length / 1024).toFixed(0)} KB`.padStart(8)} ${ms(m.generateMs).padStart(9)} ${ms(m.project.compileMs).padStart(9)}  ` +
          `${ms(f.bare.answeredMs).padStart(9)} ${ms(f.conduit.answeredMs).padStart(9)} ${ms(f.conduitWithoutAuth.answeredMs).padStart(9)} ${ms(f.compileAtStart.answeredMs).padStart(9)}  ` +
          `${ratio(f.conduit.answeredMs / f.bare.answeredMs).padStart(11)}  ${ratio(f.compileAtStart.answeredMs / f.conduit.answeredMs).padStart(11)}\n`,
      );
    }
    const first = scaled[0];
    const last = scaled[scaled.length - 1];
    if (first !== undefined && last !== undefined && first !== last) {
      const perOp = (pick: (m: Measured) => number) => (pick(last) - pick(first)) / (last.project.operations - first.project.operations);
      process.stdout.write(
        `  each added operation (${first.project.operations} → ${last.project.operations}): generate +${perOp((m) => m.generateMs).toFixed(1)} ms; cold start ` +
          `(a) +${perOp((m) => m.figures.bare.answeredMs).toFixed(2)} ms, conduit +${perOp((m) => m.figures.conduit.answeredMs).toFixed(2)} ms, ` +
          `(b) +${perOp((m) => m.figures.compileAtStart.answeredMs).toFixed(1)} ms\n`,
      );
    }

    process.stdout.write(
      "\nTargets (cold start = process start → all registered → first request answered, medians; CPU time beside, since other processes on a shared machine inflate wall time)\n",
    );
    for (const m of [sample, largest, synthetic]) {
      if (m === undefined) continue;
      const f = m.figures;
      const vsBare = f.conduit.answeredMs / f.bare.answeredMs;
      const cpuVsBare = f.conduit.cpuMs / f.bare.cpuMs;
      const withoutAuth = f.conduitWithoutAuth.answeredMs / f.bare.answeredMs;
      const line =
        `cold start ${m.spec.name} (${m.project.operations} ops): conduit ${ms(f.conduit.answeredMs)} = ${ratio(vsBare)} of hand-registered ${ms(f.bare.answeredMs)} ` +
        `(target <= 1.3x: ${verdict(vsBare <= 1.3)}); by CPU time ${ratio(cpuVsBare)} (${verdict(cpuVsBare <= 1.3)}); without the auth guard ${ratio(withoutAuth)} ` +
        `(CPU ${ratio(f.conduitWithoutAuth.cpuMs / f.bare.cpuMs)})`;
      process.stdout.write(`  ${line}\n`);
      summary(line);
      if (m === sample) continue;
      const total = f.compileAtStart.answeredMs / f.conduit.answeredMs;
      const above = overheadRatio(f);
      const against =
        `  (b) compile-at-start ${ms(f.compileAtStart.answeredMs)}: ${ratio(total)} conduit's whole cold start; start-up work above the hand-registered floor ` +
        `${signedMs(f.compileAtStart.answeredMs - f.bare.answeredMs)} against conduit's ${signedMs(f.conduit.answeredMs - f.bare.answeredMs)}` +
        `${above === undefined ? " (conduit's is within noise)" : `: ${ratio(above)}`} (target >= 10x: ${verdict(above === undefined || above >= 10)} on the work above the floor; ` +
        `the whole cold start cannot reach 10x: Node, @azure/functions and the handler modules, common to all, take ${ms(f.bare.answeredMs)})`;
      process.stdout.write(`${against}\n`);
      summary(`cold start ${m.spec.name}:${against}`);
    }
    if (synthetic !== undefined) summary(`generate ${synthetic.project.operations} ops (${(synthetic.spec.text.length / 1024).toFixed(0)} KB): ${ms(synthetic.generateMs)}`);
  } finally {
    await Promise.all(results.map((m) => m.project.remove()));
  }
}

await main();
