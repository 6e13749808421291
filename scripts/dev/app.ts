/**
 * `conduit dev`'s app stage: the app runs in a worker process behind a proxy on the user's port; every save
 * under spec/ or src/ regenerates (when the spec changed), transpiles the files that changed into dist/, and
 * swaps in a new worker once it listens. Lint and the type check follow in the background (checker.ts). A save
 * that does not generate, transpile or load is reported with file:line:col and the previous app keeps answering.
 */
import { fork, type ChildProcess } from "node:child_process";
import { statSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { formatLocation, Severity, UserError, type Diagnostic } from "../diagnostics.js";
import { generate, type GenerateResult } from "../generate/generate.js";
import { displayPath, projectLayout } from "../project.js";
import type { AppContext, AppStage, BannerRoute, BannerTimer } from "../serve/app.js";
import { createProxy } from "./proxy.js";
import { outputPath, readBuildLayout, transpileFiles, warmTranspiler, type BuildLayout } from "./transpile.js";
import { watchFolders, type Batch, type Watcher } from "./watch.js";
import { WORKER_CONFIG, type ParentMessage, type WorkerConfig, type WorkerMessage } from "./protocol.js";
import type { CheckerReply, CheckerRequest } from "./checker.js";
import { formatMs, formatSaveReport, plural, type LintOutcome, type SaveReport } from "./report.js";

const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));
const CHECKER = fileURLToPath(new URL("./checker.js", import.meta.url));
/** dist/: where the running CLI and the app it serves were built. */
const DIST = fileURLToPath(new URL("../../", import.meta.url));
const WORKER_START_TIMEOUT_MS = 60_000;
/** A worker that has not exited this long after `stop` is killed (its own deadline is shorter). */
const WORKER_STOP_TIMEOUT_MS = 8_000;
/** A save's block waits this long for lint (which runs beside generate, at low priority) before it prints. */
const LINT_WAIT_MS = 30_000;

export interface DevOptions {
  readonly mock: boolean;
}

interface Worker {
  readonly child: ChildProcess;
  readonly port: number;
  readonly routes: readonly BannerRoute[];
  readonly timers: readonly BannerTimer[];
  readonly notes: readonly string[];
  /** Starts the app's timers in this worker: once it is the only one running. */
  startTimers(): void;
  stop(): Promise<void>;
}

function log(text: string): void {
  process.stdout.write(`${text.split("\n").map((line) => `[dev] ${line}`).join("\n")}\n`);
}

export function devApp(options: DevOptions): AppStage {
  const layout = projectLayout();
  const specDir = path.dirname(layout.spec);
  const srcDir = path.join(layout.root, "src");
  let build: BuildLayout | undefined;
  let config: WorkerConfig | undefined;
  let current: Worker | undefined;
  let watcher: Watcher | undefined;
  let checker: ChildProcess | undefined;
  let running: Promise<void> | undefined;
  let queued: Batch | undefined;
  let stopping = false;
  let context: AppContext | undefined;
  /** Save blocks print in the order of the saves, each once its lint has answered. */
  let printing: Promise<void> = Promise.resolve();
  /** Files dev wrote itself (new handlers' stubs), by their mtime: the watcher's report of them is no save. */
  const ownWrites = new Map<string, number>();
  let lintId = 0;
  const lintWaiting = new Map<number, (outcome: LintOutcome | undefined) => void>();

  /** Lint of the spec, by the checker in the background; undefined when it does not answer in time. */
  function requestLint(): Promise<LintOutcome | undefined> {
    const running = checker;
    if (running === undefined || !running.connected) return Promise.resolve(undefined);
    const id = ++lintId;
    return new Promise((resolve) => {
      const timer = setTimeout(() => answer(undefined), LINT_WAIT_MS);
      timer.unref();
      function answer(outcome: LintOutcome | undefined): void {
        clearTimeout(timer);
        lintWaiting.delete(id);
        resolve(outcome);
      }
      lintWaiting.set(id, answer);
      running.send({ type: "lint", id } satisfies CheckerRequest);
    });
  }

  function print(report: SaveReport, lint: Promise<LintOutcome | undefined> | undefined): void {
    printing = printing.then(async () => {
      if (lint !== undefined) {
        report.lint = await lint;
        if (report.lint === undefined && !stopping) report.notes.push(`lint did not answer within ${LINT_WAIT_MS / 1000} s: run conduit lint`);
      }
      log(formatSaveReport(report).join("\n"));
    });
  }

  async function startWorker(): Promise<Worker> {
    const child = fork(WORKER, [], {
      cwd: layout.root,
      env: { ...process.env, [WORKER_CONFIG]: JSON.stringify(config) },
      execArgv: ["--enable-source-maps"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const message = await new Promise<WorkerMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the app did not start within ${WORKER_START_TIMEOUT_MS / 1000} s`)), WORKER_START_TIMEOUT_MS);
      child.once("message", (m: WorkerMessage) => {
        clearTimeout(timer);
        resolve(m);
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the app exited (code ${code}) before it listened`));
      });
    }).catch((error: unknown) => {
      child.kill("SIGKILL");
      throw error;
    });
    if (message.type === "failed") {
      child.kill("SIGKILL");
      throw new UserError(message.message);
    }
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const tell = (m: ParentMessage): boolean => child.connected && child.send(m);
    let stopped: Promise<void> | undefined;
    const worker: Worker = {
      child,
      port: message.port,
      routes: message.routes,
      timers: message.timers,
      notes: message.notes,
      startTimers: () => void tell({ type: "timers" }),
      stop: () =>
        (stopped ??= (async () => {
          if (child.exitCode === null && child.signalCode === null) {
            if (!tell({ type: "stop" })) child.kill("SIGTERM");
            const force = setTimeout(() => child.kill("SIGKILL"), WORKER_STOP_TIMEOUT_MS);
            await exited;
            clearTimeout(force);
          }
        })()),
    };
    child.once("exit", (code, signal) => {
      if (current === worker && !stopping) {
        current = undefined;
        log(`the app exited (${signal ?? `code ${code}`}); it starts again with the next save`);
      }
    });
    return worker;
  }

  /** Swaps in a new worker; on failure the current one keeps answering. True when the new app runs. */
  async function reload(firstSeen: number, report: SaveReport): Promise<boolean> {
    let next: Worker;
    const started = performance.now();
    try {
      next = await startWorker();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report.reload = { ok: false, text: "the app did not load", details: message.split("\n") };
      report.notes.push(current ? "not reloaded: still serving the previous app" : "no app is running: the next save starts one");
      return false;
    }
    const startMs = performance.now() - started;
    const previous = current;
    current = next;
    // The new app's timers start once the old app has stopped: its deliveries in flight finished and the rest
    // back in the outbox, which the new app's first drain then takes (one drain at a time, nothing sent twice).
    void (previous?.stop() ?? Promise.resolve()).then(() => {
      if (current === next && !stopping) next.startTimers();
    });
    const before = new Set(previous?.routes.map((r) => r.name) ?? []);
    const after = new Set(next.routes.map((r) => r.name));
    const changes = [...[...after].filter((n) => !before.has(n)).map((n) => `+${n}`), ...[...before].filter((n) => !after.has(n)).map((n) => `-${n}`)];
    report.reload = {
      ok: true,
      ms: startMs,
      text: `served ${formatMs(performance.now() - firstSeen)} after the save; ${plural(after.size, "operation")}${changes.length > 0 ? ` (${changes.join(", ")})` : ""}`,
    };
    return true;
  }

  /**
   * Regenerate (spec saved), transpile what changed, reload. Nothing of a failed step reaches the running app.
   * The save's block prints once, at the end (after lint's answer when the spec was saved).
   */
  async function cycle(batch: Batch): Promise<void> {
    const files = [...batch.files];
    const specChanged = files.some((file) => isInside(file, specDir));
    const toBuild = new Set(files.filter((file) => isInside(file, srcDir) && isSource(file)));
    const report: SaveReport = { files: [...new Set(files.map((file) => displayPath(file)))], notes: [] };
    // Lint runs in the checker while this process generates; its findings join the block if the spec generated.
    const lint = specChanged ? requestLint() : undefined;
    let generated = false;
    let mark = performance.now();
    const elapsed = (): number => {
      const ms = performance.now() - mark;
      mark = performance.now();
      return ms;
    };
    try {
      if (specChanged) {
        let result: GenerateResult;
        try {
          result = await generate({ root: layout.root });
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          report.generate = { ok: false, text: error.message, details: diagnosticLines(error.diagnostics) };
          report.notes.push("not reloaded: the app runs the last spec that generated");
          return;
        }
        generated = true;
        report.generate = { ok: true, ms: elapsed(), ...describeGenerate(result) };
        for (const outcome of result.files) if (outcome.status === "written") toBuild.add(outcome.file);
        for (const stub of result.stubs) {
          toBuild.add(stub);
          ownWrites.set(stub, mtime(stub));
        }
        // A first start whose spec did not load could not seed storage: the first spec that generates does.
        const seeded = await context?.seedStorage?.();
        if (seeded !== undefined) report.notes.push(seeded);
        elapsed();
      }
      const sources = [...toBuild].filter(isSource);
      const built = await transpileFiles(build!, sources);
      if (built.diagnostics.length > 0) {
        report.build = { ok: false, text: plural(built.diagnostics.length, "error"), details: diagnosticLines(built.diagnostics) };
        report.notes.push("not reloaded: the app runs the last version that compiled");
        return;
      }
      if (sources.length > 0) report.build = { ok: true, ms: elapsed(), text: built.written.length > 0 ? plural(built.written.length, "file") : "no output changed" };
      const needed = built.written.length > 0 || (options.mock && specChanged) || current === undefined;
      if (needed) await reload(batch.firstSeen, report);
      else if (specChanged) report.notes.push("nothing the app runs changed: not reloaded");
    } finally {
      // A save of nothing dev builds (a README under src/) prints nothing.
      if (report.generate !== undefined || report.build !== undefined || report.reload !== undefined) print(report, generated ? lint : undefined);
    }
  }

  function onBatch(saved: Batch): void {
    const files = [...saved.files].filter((file) => {
      const own = ownWrites.get(file);
      if (own === undefined) return true;
      if (mtime(file) === own) return false;
      ownWrites.delete(file);
      return true;
    });
    if (files.length === 0) return;
    const batch: Batch = { files: new Set(files), firstSeen: saved.firstSeen };
    if (running !== undefined) {
      queued = queued === undefined ? batch : { files: new Set([...queued.files, ...batch.files]), firstSeen: queued.firstSeen };
      return;
    }
    running = cycle(batch)
      .catch((error: unknown) => log(`internal error (please report it): ${error instanceof Error ? error.stack : String(error)}`))
      .finally(() => {
        running = undefined;
        const next = queued;
        queued = undefined;
        if (next !== undefined && !stopping) onBatch(next);
      });
  }

  return {
    mode: "dev",
    storage: !options.mock,
    async prepare() {
      if (path.resolve(DIST, "..") !== path.resolve(layout.root)) {
        throw new UserError(`conduit dev rebuilds the app into the dist/ it runs from (${DIST}), which is not this project's: run it from the project root`);
      }
      build = readBuildLayout(layout.root, DIST);
      const started = performance.now();
      const lines: string[] = [];
      try {
        const generated = describeGenerate(await generate({ root: layout.root }));
        lines.push(`generate: ${generated.text}`, ...generated.details.map((d) => `  ${d}`));
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        lines.push(`generate failed: ${error.message}`, ...diagnosticLines(error.diagnostics).map((d) => `  ${d}`), "starting with the app as last generated");
      }
      const stale = await staleSources(build, [srcDir, path.join(layout.root, "generated")]);
      const built = await transpileFiles(build, stale);
      if (built.diagnostics.length > 0) lines.push(...diagnosticLines(built.diagnostics).map((d) => `  ${d}`), "these files keep their last build");
      lines.push(`ready to serve in ${formatMs(performance.now() - started)} (${plural(built.written.length, "file")} rebuilt)`);
      log(lines.join("\n"));
    },
    async start(appContext: AppContext) {
      context = appContext;
      config = { mode: options.mock ? "mock" : "app", spec: layout.spec, routePrefix: appContext.routePrefix, functionKey: appContext.functionKey, maxBodyBytes: appContext.maxBodyBytes };
      current = await startWorker();
      const server = createProxy(() => current);
      return {
        server,
        routes: current.routes,
        timers: current.timers,
        notes: [
          `Dev: watching ${displayPath(specDir)}/ and ${displayPath(srcDir)}/; each save regenerates, rebuilds what changed and reloads${options.mock ? " the mock" : ""}.`,
          "  The type check ([types]) and lint ([lint]) follow in the background; Azurite's data stays across reloads.",
          ...(current.timers.length > 0 ? ["  Timers run in the current app; a reload hands its webhook deliveries to the next one through the outbox."] : []),
          ...current.notes,
        ],
        listening: () => {
          current?.startTimers();
          watcher = watchFolders([specDir, srcDir], onBatch);
          // The first save would otherwise pay for compiling the generator and the emitter (a second on a busy
          // machine): run both once now, writing nothing, while the developer reads the banner.
          void generate({ root: layout.root, check: true })
            .then(() => warmTranspiler(build!))
            .catch(() => undefined);
          checker = fork(CHECKER, [], { cwd: layout.root, stdio: ["ignore", "inherit", "inherit", "ipc"] });
          checker.on("error", () => {});
          checker.on("message", (reply: CheckerReply) => lintWaiting.get(reply.id)?.(reply.outcome));
        },
        stop: async () => {
          stopping = true;
          watcher?.close();
          checker?.kill("SIGTERM");
          for (const answer of [...lintWaiting.values()]) answer(undefined);
          await running;
          await printing;
          await current?.stop();
        },
      };
    },
  };
}

/** generate's line in a save's block: operations, files updated, new handlers; warnings and orphans below it. */
function describeGenerate(result: GenerateResult): { text: string; details: string[] } {
  const written = result.files.filter((f) => f.status !== "unchanged");
  const parts = [plural(result.operations, "operation")];
  if (written.length > 0) parts.push(`${plural(written.length, "generated file")} updated`);
  for (const stub of result.stubs) parts.push(`new handler ${displayPath(stub)} (answers 501 until you write it)`);
  const details = diagnosticLines(result.diagnostics.filter((d) => d.severity <= Severity.Warning));
  for (const orphan of result.orphans) {
    details.push(`${displayPath(orphan)}:1:1  warning  no operation is named ${path.basename(orphan, ".ts")} any more: this handler is not registered; move its code or delete it`);
  }
  return { text: parts.join("; "), details };
}

function diagnosticLines(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${formatLocation(d.source, d.range)}  ${d.severity === Severity.Error ? "error" : "warning"}  ${d.message}`);
}

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

function isSource(file: string): boolean {
  return /\.(c|m)?ts$/.test(file) && !file.endsWith(".d.ts");
}

/** Sources whose output is missing or older than they are. */
async function staleSources(build: BuildLayout, dirs: readonly string[]): Promise<string[]> {
  const stale: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await readdir(dir, { recursive: true });
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      if (!isSource(file)) continue;
      const [source, output] = await Promise.all([stat(file), stat(outputPath(build, file)).catch(() => undefined)]);
      if (output === undefined || output.mtimeMs < source.mtimeMs) stale.push(file);
    }
  }
  return stale;
}
