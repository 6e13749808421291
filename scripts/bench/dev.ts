/**
 * `npm run bench:dev`: save → served, the everyday loop. In a copy of this project (dev-project.ts), a new
 * operation is saved into the spec and the time until its route answers (its stub's 501, or 401 without a
 * token) is taken, for `conduit dev` and, as the baseline in the same run, for a full restart as `npm start`
 * does it (generate, tsc, serve with Azurite). Target: dev within 2 s. Also the banner's token command, through
 * npx as it used to be printed and through node on the bin as it is now.
 *
 *   node dist/scripts/bench/dev.js [--saves N] [--restarts N] [--quick]
 */
import { execFile, spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs, promisify } from "node:util";
import { cleanEnvironment, createDevProject, type DevProject, type RunningCommand } from "./dev-project.js";
import { median, ms, ratio, summary, verdict } from "./stats.js";

const run = promisify(execFile);
const TARGET_MS = 2_000;

function operation(name: string): string {
  const route = name.toLowerCase();
  return `  /${route}:\n    get:\n      operationId: ${name}\n      summary: ${name}\n      description: Added by the dev bench.\n      x-ms-visibility: internal\n      responses:\n        "200":\n          description: OK.\n          schema:\n            $ref: "#/definitions/Technician"\n`;
}

/** Saves the spec with one more operation and returns when (performance.now()) the save was written. */
async function addOperation(project: DevProject, name: string): Promise<number> {
  const file = path.join(project.root, "spec", "apiDefinition.swagger.yaml");
  const spec = await readFile(file, "utf8");
  const at = spec.indexOf("\n  /technicians:");
  if (at < 0) throw new Error("the bench adds operations before /technicians: the project's spec has no such path");
  const text = `${spec.slice(0, at + 1)}${operation(name)}${spec.slice(at + 1)}`;
  const started = performance.now();
  await writeFile(file, text);
  return started;
}

/** Polls every 10 ms until the route answers anything but 404. */
async function answered(base: string, name: string, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${base}/${name.toLowerCase()}`).catch(() => undefined);
    if (response !== undefined) {
      await response.arrayBuffer();
      if (response.status !== 404) return performance.now();
    }
    await sleep(10);
  }
  throw new Error(`${name} never answered`);
}

async function listening(command: RunningCommand): Promise<string> {
  return (await command.waitFor(/Function app listening on (\S+)/, { timeoutMs: 180_000 }))[1]!;
}

const SERVE_ARGS = ["--port", "0", "--azurite-port", "0", "--issuer-port", "0"];

/** The loop before dev: the spec saved, then generate, tsc and serve started again (npm start's steps). */
async function fullRestart(project: DevProject, name: string): Promise<number> {
  const started = await addOperation(project, name);
  const env = cleanEnvironment();
  await run(process.execPath, [path.join(project.root, "bin", "conduit.js"), "generate"], { cwd: project.root, env });
  await run(process.execPath, [path.join(project.root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: project.root, env }).catch((error: { stdout?: string }) => {
    // Type errors still emit (as npm start would stop here, the bench goes on and says so).
    process.stdout.write(`  tsc reported errors: ${(error.stdout ?? "").split("\n")[0]}\n`);
  });
  const serve = project.start(["serve", ...SERVE_ARGS]);
  try {
    const base = await listening(serve);
    return (await answered(base, name)) - started;
  } finally {
    await serve.stop();
  }
}

/** In the repository itself: npx resolves the project's own bin there (not in a copy with a linked node_modules). */
async function tokenTimes(root: string, runs: number): Promise<{ npx: number; node: number }> {
  const time = async (command: string, args: readonly string[]): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await new Promise<void>((resolve, reject) => {
        const child = spawn(command, args, { cwd: root, env: cleanEnvironment(), stdio: "ignore" });
        child.on("error", reject);
        child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}`))));
      });
      times.push(performance.now() - started);
    }
    return median(times);
  };
  return {
    npx: await time("npx", ["--no-install", "conduit", "token", "--user", "ana"]),
    node: await time(process.execPath, ["bin/conduit.js", "token", "--user", "ana"]),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { saves: { type: "string" }, restarts: { type: "string" }, quick: { type: "boolean", default: false } }, strict: true });
  const quick = values.quick || process.env["BENCH_QUICK"] === "1";
  const saves = Number(values.saves ?? (quick ? 3 : 7));
  const restarts = Number(values.restarts ?? (quick ? 1 : 2));
  process.stdout.write(`bench:dev on ${cpus().length} cores (load ${loadavg()[0]!.toFixed(1)}): ${saves} saves under conduit dev, ${restarts} full restarts\n`);

  const repository = process.cwd();
  const project = await createDevProject({
    spec: await readFile(path.join(repository, "spec", "apiDefinition.swagger.yaml"), "utf8"),
    files: { "spec/apiProperties.yaml": await readFile(path.join(repository, "spec", "apiProperties.yaml"), "utf8") },
    app: true,
    sources: true,
  });
  try {
    const restartTimes: number[] = [];
    for (let i = 1; i <= restarts; i++) {
      const took = await fullRestart(project, `RestartProbe${i}`);
      restartTimes.push(took);
      process.stdout.write(`  full restart ${i}: ${ms(took)} (generate, tsc, serve until the new route answers)\n`);
    }

    const dev = project.start(["dev", ...SERVE_ARGS]);
    const devTimes: number[] = [];
    try {
      const base = await listening(dev);
      // Let the first type check and lint settle, as they would while a developer reads the banner.
      await dev.waitFor(/\[types\]/, { timeoutMs: 180_000 }).catch(() => undefined);
      for (let i = 1; i <= saves; i++) {
        const from = dev.output().length;
        const name = `DevProbe${i}`;
        const started = await addOperation(project, name);
        const took = (await answered(base, name)) - started;
        devTimes.push(took);
        // The save's block prints once lint has answered, a little after the app is served.
        await dev.waitFor(/\[dev\] {3}reload +/, { from, timeoutMs: 60_000 }).catch(() => undefined);
        const steps = [...dev.output().slice(from).matchAll(/^\[dev\] {3}(generate|build|reload) +(\d+(?:\.\d)? m?s)/gm)].map((m) => `${m[1]} ${m[2]}`).join(", ");
        process.stdout.write(`  dev save ${i}: ${ms(took)}${steps ? ` (${steps})` : ""}\n`);
        // A developer saves again after looking: the background check of this save runs meanwhile.
        await sleep(1_000);
      }
    } finally {
      await dev.stop();
    }

    const token = await tokenTimes(repository, quick ? 3 : 5);
    const devMedian = median(devTimes);
    const restartMedian = median(restartTimes);
    process.stdout.write(
      `\nsave → served: conduit dev ${ms(devMedian)} median of ${devTimes.length} (min ${ms(Math.min(...devTimes))}, max ${ms(Math.max(...devTimes))}); ` +
        `full restart ${ms(restartMedian)}; dev is ${ratio(restartMedian / devMedian)} faster; target ${ms(TARGET_MS)}: ${verdict(devMedian <= TARGET_MS)}\n` +
        `token command: npx conduit token ${ms(token.npx)}, node bin/conduit.js token ${ms(token.node)} (${ratio(token.npx / token.node)} faster)\n`,
    );
    summary(`save → served: dev ${ms(devMedian)} (median of ${devTimes.length}), full restart ${ms(restartMedian)} (${ratio(restartMedian / devMedian)}); target 2 s ${verdict(devMedian <= TARGET_MS)}`);
    summary(`token: npx ${ms(token.npx)} → node bin ${ms(token.node)} (${ratio(token.npx / token.node)})`);
  } finally {
    await project.remove();
  }
}

await main();
