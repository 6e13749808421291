/**
 * `npm run bench:load`: the local host (`conduit serve`'s createLocalHost) over the sample's registrations, with
 * the real handlers on Azurite's Table storage (or in-memory stubs when those cannot run: it says which),
 * answering N concurrent clients on 127.0.0.1 (autocannon) for a bounded time, twice over. It prints throughput,
 * latency and every non-2xx, error and timeout, and the server's memory: RSS before and after, and the heap after
 * a full collection after each pass, so growth between the passes shows a leak.
 *
 *   node .out/NAME/scripts/bench/load.js [--connections N] [--duration SECONDS] [--quick] [--stub]
 */
import { fork, type ChildProcess } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon, { type AutocannonRequest, type Result } from "autocannon";
import { startAzurite, type AzuriteHandle } from "../serve/azurite.js";
import { appEnvironment } from "./cold-start.js";
import { FUNCTION_KEY, type MemoryFigures, type ServerMessage } from "./load-protocol.js";
import { mb, summary, verdict } from "./stats.js";

const SERVER = fileURLToPath(new URL("./load-server.js", import.meta.url));
const SEEDED = 200;

interface RunningServer {
  readonly port: number;
  readonly handlers: "real" | "stub";
  memory(): Promise<MemoryFigures>;
  stop(): Promise<void>;
}

function startServer(handlers: "real" | "stub", storage: string | undefined): Promise<RunningServer> {
  const env = { ...appEnvironment(), LOAD_HANDLERS: handlers, ...(storage === undefined ? {} : { AzureWebJobsStorage: storage }) };
  const child: ChildProcess = fork(SERVER, [], { env, execArgv: ["--expose-gc"], stdio: ["ignore", "ignore", "pipe", "ipc"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const next = <K extends ServerMessage["kind"]>(kind: K): Promise<Extract<ServerMessage, { kind: K }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: ServerMessage) => {
        if (message.kind === kind) {
          child.off("message", onMessage);
          child.off("exit", onExit);
          resolve(message as Extract<ServerMessage, { kind: K }>);
        } else if (message.kind === "failed") reject(new Error(message.message));
      };
      const onExit = (code: number | null) => reject(new Error(`the load server exited (${code}) ${stderr.trim()}`));
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  return next("ready").then((ready) => ({
    port: ready.port,
    handlers: ready.handlers,
    memory: async () => {
      const reply = next("memory");
      child.send("memory");
      return (await reply).memory;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.send("stop");
      }),
  }));
}

const NEW_WORK_ORDER = JSON.stringify({
  title: "Replace boiler pressure valve",
  customerName: "Contoso Bakery",
  siteAddress: "12 Harbour Road, Seattle, WA 98101",
  description: "Customer reports the boiler loses pressure overnight.",
  priority: "high",
  scheduledFor: "2026-12-02T09:00:00Z",
  estimatedHours: 2.5,
});

/** Creates work orders through the API and returns their ids; throws with what came back when it cannot. */
async function seed(base: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${base}/workorders`, { method: "POST", headers: { "x-functions-key": FUNCTION_KEY, "content-type": "application/json" }, body: NEW_WORK_ORDER });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`POST /workorders answered ${response.status}: ${text.slice(0, 300)}`);
    ids.push(String((JSON.parse(text) as { id: unknown }).id));
  }
  const list = await fetch(`${base}/workorders?top=20`, { headers: { "x-functions-key": FUNCTION_KEY } });
  if (list.status !== 200) throw new Error(`GET /workorders answered ${list.status}: ${(await list.text()).slice(0, 300)}`);
  return ids;
}

interface Scenario {
  readonly name: string;
  readonly requests: AutocannonRequest[];
}

function scenarios(ids: readonly string[]): Scenario[] {
  let n = 0;
  const someId = () => ids[n++ % ids.length]!;
  const getOne: AutocannonRequest = { method: "GET", setupRequest: (request) => ({ ...request, path: `/api/workorders/${someId()}` }) };
  const list: AutocannonRequest = { method: "GET", path: "/api/workorders?top=20&priority=high,urgent" };
  const create: AutocannonRequest = { method: "POST", path: "/api/workorders", headers: { "content-type": "application/json" }, body: NEW_WORK_ORDER };
  const update: AutocannonRequest = {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ status: "scheduled", assignedTo: "tech-ana-lopez" }),
    setupRequest: (request) => ({ ...request, path: `/api/workorders/${someId()}` }),
  };
  return [
    { name: "GET one work order", requests: [getOne] },
    { name: "GET a filtered page (top=20)", requests: [list] },
    { name: "POST a work order", requests: [create] },
    { name: "mixed: GET, list, POST, PATCH", requests: [getOne, list, create, update] },
  ];
}

function describeStatuses(result: Result): string {
  return Object.entries(result.statusCodeStats)
    .map(([status, { count }]) => `${status}×${count}`)
    .join(" ");
}

interface Outcome {
  readonly failures: number;
  /** Heap after a full collection after each pass. */
  readonly heaps: readonly number[];
  readonly stable: boolean;
  readonly rssBefore: number;
  readonly rssAfter: number;
  readonly throughput: string;
}

/** Warm-up, then `passes` rounds of every scenario, printing a row per run and the server's memory. */
async function exercise(server: RunningServer, ids: readonly string[], connections: number, duration: number, passes: number): Promise<Outcome> {
  const url = `http://127.0.0.1:${server.port}`;
  const run = (scenario: Scenario, seconds: number) =>
    autocannon({ url, connections, duration: seconds, timeout: 10, headers: { "x-functions-key": FUNCTION_KEY }, requests: scenario.requests });
  const all = scenarios(ids);
  for (const scenario of all) await run(scenario, 1); // warm-up: JIT, sockets, first-use loading
  const before = await server.memory();
  let failures = 0;
  const heaps: number[] = [];
  let rssAfter = before.rssBytes;
  const rates: string[] = [];
  process.stdout.write(`  ${"pass  scenario".padEnd(38)} ${"req/s".padStart(7)} ${"p50".padStart(7)} ${"p99".padStart(7)} ${"max".padStart(7)} ${"requests".padStart(9)}  errors timeouts  statuses\n`);
  for (let pass = 1; pass <= passes; pass++) {
    for (const scenario of all) {
      const result = await run(scenario, duration);
      failures += result.errors + result.timeouts + result.non2xx;
      process.stdout.write(
        `  ${`${pass}     ${scenario.name}`.padEnd(38)} ${result.requests.average.toFixed(0).padStart(7)} ${`${result.latency.p50} ms`.padStart(7)} ${`${result.latency.p99} ms`.padStart(7)} ` +
          `${`${result.latency.max} ms`.padStart(7)} ${String(result.requests.total).padStart(9)}  ${String(result.errors).padStart(6)} ${String(result.timeouts).padStart(8)}  ${describeStatuses(result)}\n`,
      );
      if (pass === passes) {
        rates.push(`${scenario.name} ${result.requests.average.toFixed(0)} req/s (p99 ${result.latency.p99} ms)`);
        summary(`load (${server.handlers} handlers), ${scenario.name}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${connections} connections`);
      }
    }
    const memory = await server.memory();
    heaps.push(memory.heapAfterGcBytes ?? Number.NaN);
    rssAfter = memory.rssBytes;
  }
  const first = heaps[0] ?? Number.NaN;
  const last = heaps[heaps.length - 1] ?? Number.NaN;
  const growth = last - first;
  process.stdout.write(
    `  server memory: RSS ${mb(before.rssBytes)} before, ${mb(rssAfter)} after; heap after GC ${mb(before.heapAfterGcBytes ?? Number.NaN)} before, ` +
      `${heaps.map((h, i) => `${mb(h)} after pass ${i + 1}`).join(", ")}${heaps.length > 1 ? ` (${growth >= 0 ? "+" : ""}${(growth / 1024).toFixed(0)} KB between passes)` : ""}\n`,
  );
  return { failures, heaps, stable: growth <= Math.max(5 * 1024 * 1024, first * 0.1), rssBefore: before.rssBytes, rssAfter, throughput: rates.join("; ") };
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: { connections: { type: "string" }, duration: { type: "string" }, quick: { type: "boolean", default: process.env["BENCH_QUICK"] === "1" }, stub: { type: "boolean", default: false } },
    strict: true,
  });
  const connections = Number(args.connections ?? 32);
  const duration = Number(args.duration ?? (args.quick ? 3 : 10));
  process.stdout.write(`conduit load bench: load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; Node ${process.version}\n`);

  let azurite: AzuriteHandle | undefined;
  let server: RunningServer | undefined;
  try {
    let ids: string[] | undefined;
    let why = "";
    if (!args.stub) {
      try {
        azurite = await startAzurite();
        server = await startServer("real", azurite.connectionString);
        ids = await seed(`http://127.0.0.1:${server.port}/api`, SEEDED);
      } catch (error) {
        why = error instanceof Error ? error.message.split("\n")[0]! : String(error);
        await server?.stop();
        server = undefined;
      }
    }
    if (server === undefined || ids === undefined) {
      server = await startServer("stub", undefined);
      ids = await seed(`http://127.0.0.1:${server.port}/api`, SEEDED);
    }
    const handlers =
      server.handlers === "real"
        ? `the real handlers on Azurite's Table storage (127.0.0.1:${azurite?.port})`
        : `in-memory stub handlers${args.stub ? " (--stub)" : ` (the real ones could not run: ${why})`}`;
    process.stdout.write(
      `local host on 127.0.0.1:${server.port}, the sample's 6 operations with ${handlers}; request and response validation on (enforce), auth off; ` +
        `${connections} connections, ${duration} s per scenario, two passes; ${SEEDED} work orders seeded\n`,
    );

    const outcome = await exercise(server, ids, connections, duration, 2);
    const line =
      `load (${server.handlers} handlers): ${outcome.failures === 0 ? "no errors, timeouts or non-2xx" : `${outcome.failures} errors, timeouts or non-2xx`} (${verdict(outcome.failures === 0)}); ` +
      `heap after GC ${outcome.heaps.map(mb).join(" → ")} between passes (stable: ${verdict(outcome.stable)}); RSS ${mb(outcome.rssBefore)} → ${mb(outcome.rssAfter)}`;
    process.stdout.write(`\n  ${line}\n`);
    summary(line);
    if (outcome.failures > 0 || !outcome.stable) process.exitCode = 1;

    if (server.handlers === "real") {
      // The same host and adapter with in-memory handlers: what conduit itself can carry without storage's cost.
      await server.stop();
      server = await startServer("stub", undefined);
      ids = await seed(`http://127.0.0.1:${server.port}/api`, SEEDED);
      process.stdout.write(`\nthe same host, adapter and validation with in-memory stub handlers (no storage; they keep every work order created in memory), one pass:\n`);
      const ceiling = await exercise(server, ids, connections, duration, 1);
      summary(`load ceiling without storage (stub handlers): ${ceiling.failures === 0 ? "no errors" : `${ceiling.failures} errors`}; ${ceiling.throughput}`);
    }
  } finally {
    await server?.stop();
    await azurite?.stop();
  }
}

await main();
