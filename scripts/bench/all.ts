/**
 * `npm run bench`: every `bench:*` script in package.json, one after another in its own process, then a summary.
 * The build runs once before (the scripts' own `npm run build &&` is skipped); a bench that fails or cannot
 * start says why in the summary and the others still run. Each bench prints its headline figures on lines
 * starting with `SUMMARY:` (stats.ts); for a bench that prints none, the summary shows its last line.
 *
 *   node dist/scripts/bench/all.js [--build-status N] [--only a,b] [--quick] [--dist DIR]
 *   --quick sets BENCH_QUICK=1 for the benches that have a shorter mode; BENCH_TIMEOUT_SECONDS bounds each (1800).
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { SUMMARY_MARKER } from "./stats.js";

interface Outcome {
  readonly name: string;
  readonly status: string;
  readonly ok: boolean;
  readonly seconds: number;
  readonly lines: readonly string[];
}

const BUILD_PREFIX = /^\s*npm run build\s*&&\s*/;

async function benchScripts(root: string): Promise<[string, string][]> {
  const manifest = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  return Object.entries(manifest.scripts ?? {})
    .filter(([name]) => name.startsWith("bench:"))
    .map(([name, command]) => [name, command.replace(BUILD_PREFIX, "")]);
}

function run(name: string, command: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    process.stdout.write(`\n━━━ ${name}: ${command}\n`);
    // Its own process group, so a timeout ends whatever it started too.
    const child = spawn(command, { shell: true, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const summaries: string[] = [];
    let tail: string[] = [];
    /** The first line that looks like an error message: why a failed bench failed, better than its last line. */
    let firstError: string | undefined;
    let pending = "";
    const collect = (text: string): void => {
      pending += text;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith(SUMMARY_MARKER)) summaries.push(line.slice(SUMMARY_MARKER.length).trim());
        else if (line.trim() !== "") tail = [...tail.slice(-5), line];
        if (firstError === undefined && /\b\w*Error\b[:[]|^error\b|\bERR_\w+/.test(line)) firstError = line.trim();
      }
    };
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      collect(chunk.toString());
    });
    child.stderr.on("data", (chunk: Buffer) => {
      process.stderr.write(chunk);
      collect(chunk.toString());
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, timeoutMs);
    const finish = (status: string, ok: boolean): void => {
      clearTimeout(timer);
      collect("\n");
      const seconds = (performance.now() - started) / 1000;
      const why = ok || firstError === undefined ? [] : [firstError];
      resolve({ name, status, ok, seconds, lines: [...why, ...(summaries.length > 0 ? summaries : tail.slice(ok ? -1 : -2))] });
    };
    child.on("error", (error) => finish(`could not start: ${error.message}`, false));
    child.on("close", (code, signal) => {
      if (timedOut) finish(`timed out after ${timeoutMs / 1000} s`, false);
      else if (code === 0) finish("ok", true);
      else finish(`failed (exit ${code ?? signal})`, false);
    });
  });
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: { "build-status": { type: "string" }, only: { type: "string" }, quick: { type: "boolean", default: false }, dist: { type: "string" } },
    strict: true,
  });
  const root = process.cwd();
  const only = args.only?.split(",").map((s) => (s.startsWith("bench:") ? s : `bench:${s.trim()}`));
  // --dist runs the benches from another build folder (each engineer builds into their own .out/NAME).
  const dist = args.dist;
  const all = (await benchScripts(root)).map(([name, command]): [string, string] => [name, dist === undefined ? command : command.replace(/\bdist\//g, `${dist.replace(/\/+$/, "")}/`)]);
  const scripts = all.filter(([name]) => only === undefined || only.includes(name));
  for (const name of only ?? []) if (!all.some(([n]) => n === name)) process.stdout.write(`(no ${name} script in package.json)\n`);
  const env: NodeJS.ProcessEnv = { ...process.env, ...(args.quick ? { BENCH_QUICK: "1" } : {}) };
  const timeoutMs = Number(process.env["BENCH_TIMEOUT_SECONDS"] ?? 1800) * 1000;
  const build = args["build-status"];
  const buildNote =
    build === undefined || build === "0" ? "" : `the build reported errors (tsc exit ${build}); the benches run what it emitted, and one may fail for it\n`;
  process.stdout.write(`npm run bench: ${scripts.map(([name]) => name).join(", ")}\n${buildNote}`);

  const outcomes: Outcome[] = [];
  for (const [name, command] of scripts) outcomes.push(await run(name, command, env, timeoutMs));

  process.stdout.write(`\n━━━ summary\n${buildNote}`);
  for (const o of outcomes) {
    process.stdout.write(`${o.name.padEnd(16)} ${o.status} (${o.seconds.toFixed(0)} s)\n`);
    for (const line of o.lines) process.stdout.write(`    ${line}\n`);
  }
  const failed = outcomes.filter((o) => !o.ok);
  process.stdout.write(failed.length === 0 ? `all ${outcomes.length} benches ran\n` : `${failed.length} of ${outcomes.length} benches did not finish: ${failed.map((o) => o.name).join(", ")}\n`);
  if (failed.length > 0) process.exitCode = 1;
}

await main();
