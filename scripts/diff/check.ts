/**
 * `npm run check`: what the pull-request workflow (.github/workflows/contract.yml) runs, locally, before a push:
 * conduit lint, conduit generate --check, conduit diff against origin/main (or main), npm test. Every step runs
 * even when an earlier one fails, so one run says everything; the exit code is 1 when any failed.
 *
 *   npm run check [-- --base <ref>] [-- --allow-breaking] [-- --skip-tests]
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { resolveCommit } from "./load/git.js";

interface Step {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

interface Outcome {
  readonly name: string;
  readonly status: "ok" | "failed" | "skipped";
  readonly note: string;
  readonly seconds: number;
}

// The CLI compiled beside this file (dist/ or a builder's own folder), run as `conduit` would run it.
const CLI = new URL("../cli.js", import.meta.url).href;

export async function runCheck(argv: readonly string[], cwd: string): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { base: { type: "string" }, "allow-breaking": { type: "boolean", default: false }, "skip-tests": { type: "boolean", default: false } } });
  const conduit = (...args: string[]): Step => ({
    name: `conduit ${args.join(" ")}`,
    command: process.execPath,
    args: ["--input-type=module", "-e", `const { main } = await import(${JSON.stringify(CLI)}); process.exitCode = await main(${JSON.stringify(args)});`],
  });
  const outcomes: Outcome[] = [];
  outcomes.push(run(conduit("lint"), cwd));
  outcomes.push(run(conduit("generate", "--check"), cwd));
  const base = values.base ?? (await defaultBase(cwd));
  if (base === undefined) {
    const note = "no origin/main or main branch to compare with (a new repository?): breaking changes were not checked; pass --base <ref> to choose one";
    process.stdout.write(`\n━━ conduit diff: skipped\n${note}\n`);
    outcomes.push({ name: "conduit diff", status: "skipped", note, seconds: 0 });
  } else {
    outcomes.push(run(conduit("diff", base, ...(values["allow-breaking"] ? ["--allow-breaking"] : [])), cwd));
  }
  if (values["skip-tests"]) outcomes.push({ name: "npm test", status: "skipped", note: "--skip-tests", seconds: 0 });
  else outcomes.push(run(npm("test"), cwd));
  process.stdout.write(`\n━━ conduit check\n${outcomes.map(line).join("\n")}\n`);
  const failed = outcomes.filter((o) => o.status === "failed");
  process.stdout.write(failed.length === 0 ? "all checks passed\n" : `${failed.length} of ${outcomes.length} checks failed\n`);
  return failed.length === 0 ? 0 : 1;
}

/** origin/main when the clone has it (what a pull request targets), else a local main. */
export async function defaultBase(cwd: string): Promise<string | undefined> {
  for (const ref of ["origin/main", "main"]) if ((await resolveCommit(ref, cwd)) !== undefined) return ref;
  return undefined;
}

function npm(...args: string[]): Step {
  // Under `npm run`, npm says where its own CLI is; run that with this node rather than trusting PATH.
  const npmCli = process.env["npm_execpath"];
  return npmCli ? { name: `npm ${args.join(" ")}`, command: process.execPath, args: [npmCli, ...args] } : { name: `npm ${args.join(" ")}`, command: "npm", args };
}

function run(step: Step, cwd: string): Outcome {
  process.stdout.write(`\n━━ ${step.name}\n`);
  const started = performance.now();
  const result = spawnSync(step.command, [...step.args], { cwd, stdio: "inherit" });
  const seconds = (performance.now() - started) / 1000;
  if (result.error) return { name: step.name, status: "failed", note: `could not start: ${result.error.message}`, seconds };
  const code = result.status ?? 1;
  return { name: step.name, status: code === 0 ? "ok" : "failed", note: code === 0 ? "" : `exit ${code}`, seconds };
}

function line(o: Outcome): string {
  const mark = o.status === "ok" ? "ok     " : o.status === "skipped" ? "skipped" : "FAILED ";
  return `  ${mark}  ${o.name}${o.note ? `: ${o.note}` : ""}${o.status === "skipped" ? "" : ` (${o.seconds.toFixed(1)} s)`}`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await runCheck(process.argv.slice(2), process.cwd());
}
