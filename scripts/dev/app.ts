/**
 * `conduit dev`'s app stage: the app runs in a worker process behind a proxy on the user's port; every save
 * under spec/ or src/ regenerates (when the spec changed), transpiles the files that changed into dist/, and
 * swaps in a new worker once it listens. Lint and the type check follow in the background (checker.ts). A save
 * that does not generate, transpile or load is reported with file:line:col and the previous app keeps answering.
 */
import { fork, type ChildProcess } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { formatLocation, Severity, UserError, type Diagnostic } from "../diagnostics.js";
import { generate, type GenerateResult } from "../generate/generate.js";
import { displayPath, projectLayout } from "../project.js";
import type { AppContext, AppStage, BannerRoute } from "../serve/app.js";
import { createProxy } from "./proxy.js";
import { outputPath, readBuildLayout, transpileFiles, warmTranspiler, type BuildLayout } from "./transpile.js";
import { watchFolders, type Batch, type Watcher } from "./watch.js";
import { WORKER_CONFIG, type WorkerConfig, type WorkerMessage } from "./protocol.js";

const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));
const CHECKER = fileURLToPath(new URL("./checker.js", import.meta.url));
/** dist/: where the running CLI and the app it serves were built. */
const DIST = fileURLToPath(new URL("../../", import.meta.url));
const WORKER_START_TIMEOUT_MS = 60_000;

export interface DevOptions {
  readonly mock: boolean;
}

interface Worker {
  readonly child: ChildProcess;
  readonly port: number;
  readonly routes: readonly BannerRoute[];
  stop(): Promise<void>;
}

function log(text: string): void {
  process.stdout.write(`${text.split("\n").map((line) => `[dev] ${line}`).join("\n")}\n`);
}

function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => `  ${formatLocation(d.source, d.range)}  ${d.severity === Severity.Error ? "error" : "warning"}  ${d.message}`)
    .join("\n");
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
    const worker: Worker = {
      child,
      port: message.port,
      routes: message.routes,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) {
          if (child.connected) child.send({ type: "stop" });
          else child.kill("SIGTERM");
          const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
          await exited;
          clearTimeout(force);
        }
      },
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
  async function reload(firstSeen: number, steps: string[]): Promise<boolean> {
    let next: Worker;
    const started = performance.now();
    try {
      next = await startWorker();
      steps.push(`start ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`the app did not load after this save${current ? "; still serving the previous one" : ""}:\n${message}`);
      return false;
    }
    const previous = current;
    current = next;
    void previous?.stop();
    const before = new Set(previous?.routes.map((r) => r.name) ?? []);
    const after = new Set(next.routes.map((r) => r.name));
    const changes = [...[...after].filter((n) => !before.has(n)).map((n) => `+${n}`), ...[...before].filter((n) => !after.has(n)).map((n) => `-${n}`)];
    log(
      `reloaded ${Math.round(performance.now() - firstSeen)} ms after the save: ${after.size} operation${after.size === 1 ? "" : "s"}` +
        `${changes.length > 0 ? ` (${changes.join(", ")})` : ""} [${steps.join(", ")}]`,
    );
    return true;
  }

  /** Regenerate (spec saved), transpile what changed, reload. Nothing of a failed step reaches the running app. */
  async function cycle(batch: Batch): Promise<void> {
    const files = [...batch.files];
    const specChanged = files.some((file) => isInside(file, specDir));
    const toBuild = new Set(files.filter((file) => isInside(file, srcDir) && isSource(file)));
    const steps: string[] = [`wait ${Math.round(performance.now() - batch.firstSeen)} ms`];
    let mark = performance.now();
    const step = (name: string): void => {
      steps.push(`${name} ${Math.round(performance.now() - mark)} ms`);
      mark = performance.now();
    };
    if (specChanged) {
      let result: GenerateResult;
      try {
        result = await generate({ root: layout.root });
        step("generate");
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        log(`${error.message}\n${formatDiagnostics(error.diagnostics)}\nnot reloaded: the app runs the last spec that generated`);
        return;
      }
      reportGenerate(result);
      for (const outcome of result.files) if (outcome.status === "written") toBuild.add(outcome.file);
      for (const stub of result.stubs) toBuild.add(stub);
    }
    const built = await transpileFiles(build!, [...toBuild].filter(isSource));
    step(`build ${built.written.length}`);
    if (built.diagnostics.length > 0) {
      log(`${formatDiagnostics(built.diagnostics)}\nnot reloaded: the app runs the last version that compiled`);
      return;
    }
    const needed = built.written.length > 0 || (options.mock && specChanged) || current === undefined;
    if (!needed) return;
    await reload(batch.firstSeen, steps);
    if (specChanged) checker?.send({ type: "lint" });
  }

  function onBatch(batch: Batch): void {
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
      try {
        reportGenerate(await generate({ root: layout.root }));
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        log(`${error.message}\n${formatDiagnostics(error.diagnostics)}\nstarting with the app as last generated`);
      }
      const stale = await staleSources(build, [srcDir, path.join(layout.root, "generated")]);
      const built = await transpileFiles(build, stale);
      if (built.diagnostics.length > 0) log(`${formatDiagnostics(built.diagnostics)}\nthese files keep their last build`);
      log(`ready to serve in ${Math.round(performance.now() - started)} ms (${built.written.length} file${built.written.length === 1 ? "" : "s"} rebuilt)`);
    },
    async start(context: AppContext) {
      config = { mode: options.mock ? "mock" : "app", spec: layout.spec, routePrefix: context.routePrefix, functionKey: context.functionKey, maxBodyBytes: context.maxBodyBytes };
      current = await startWorker();
      const server = createProxy(() => current);
      return {
        server,
        routes: current.routes,
        notes: [
          `Dev: watching ${displayPath(specDir)}/ and ${displayPath(srcDir)}/; each save regenerates, rebuilds what changed and reloads${options.mock ? " the mock" : ""}.`,
          "  The type check ([types]) and lint ([lint]) follow in the background; Azurite's data stays across reloads.",
        ],
        listening: () => {
          watcher = watchFolders([specDir, srcDir], onBatch);
          // The first save would otherwise pay for compiling the generator and the emitter (a second on a busy
          // machine): run both once now, writing nothing, while the developer reads the banner.
          void generate({ root: layout.root, check: true })
            .then(() => warmTranspiler(build!))
            .catch(() => undefined);
          checker = fork(CHECKER, [], { cwd: layout.root, stdio: ["ignore", "inherit", "inherit", "ipc"] });
          checker.on("error", () => {});
        },
        stop: async () => {
          stopping = true;
          watcher?.close();
          checker?.kill("SIGTERM");
          await running;
          await current?.stop();
        },
      };
    },
  };
}

function reportGenerate(result: GenerateResult): void {
  const written = result.files.filter((f) => f.status !== "unchanged");
  const parts = [`${result.operations} operation${result.operations === 1 ? "" : "s"}`];
  if (written.length > 0) parts.push(`${written.length} generated file${written.length === 1 ? "" : "s"} updated`);
  for (const stub of result.stubs) parts.push(`new handler ${displayPath(stub)} (answers 501 until you write it)`);
  const lines = [`generate: ${parts.join("; ")} (${Math.round(result.elapsedMs)} ms)`];
  const warnings = result.diagnostics.filter((d) => d.severity <= Severity.Warning);
  if (warnings.length > 0) lines.push(formatDiagnostics(warnings));
  for (const orphan of result.orphans) {
    lines.push(`  ${displayPath(orphan)}:1:1  warning  no operation is named ${path.basename(orphan, ".ts")} any more: this handler is not registered; move its code or delete it`);
  }
  log(lines.join("\n"));
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
