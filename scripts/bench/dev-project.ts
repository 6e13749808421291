/**
 * A throwaway project that `conduit dev` can run in, in the temp folder: the repository's runtime sources (src/
 * without the handlers unless asked), its compiled CLI and runtime in dist/ (dev rebuilds into the dist/ it runs
 * from, so never the repository's), node_modules as a symlink, and the spec and files the caller gives. With
 * `sources`, scripts/ and test/ come too, so that `tsc` there compiles what `npm run build` compiles. Used by the
 * dev bench and dev's tests; `start` runs `conduit dev` (or any command) there as a user would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface DevProjectOptions {
  /** spec/apiDefinition.swagger.yaml */
  readonly spec: string;
  /** More files, by path relative to the project root. */
  readonly files?: Readonly<Record<string, string>>;
  /** Copy the repository's src/handlers and generated/ (the sample app as it is), not only the runtime. */
  readonly app?: boolean;
  /** Copy scripts/ and test/ sources and dist/.tsbuildinfo, for a `tsc` build of the whole project. */
  readonly sources?: boolean;
  /** The repository to copy from (default: the working directory). */
  readonly repository?: string;
}

export interface DevProject {
  readonly root: string;
  /** Runs `node bin/conduit.js <args>` in the project. */
  start(args: readonly string[], env?: Readonly<Record<string, string>>): RunningCommand;
  remove(): Promise<void>;
}

export interface RunningCommand {
  readonly child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first match of `pattern` in the output from `from` on; rejects on exit or timeout. */
  waitFor(pattern: RegExp, options?: { readonly timeoutMs?: number; readonly from?: number }): Promise<RegExpExecArray>;
  /** Ctrl+C, then the exit code (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number | null>;
}

/** dist/: the build this module belongs to. */
const DIST = fileURLToPath(new URL("../../", import.meta.url));

export async function createDevProject(options: DevProjectOptions): Promise<DevProject> {
  const repository = options.repository ?? process.cwd();
  const root = await mkdtemp(path.join(os.tmpdir(), "conduit-dev-"));
  const handlers = path.join(repository, "src", "handlers");
  const distHandlers = path.join(DIST, "src", "handlers");
  const keepHandlers = options.app === true;
  try {
    await cp(path.join(repository, "src"), path.join(root, "src"), {
      recursive: true,
      preserveTimestamps: true,
      filter: (source) => keepHandlers || !source.startsWith(handlers),
    });
    for (const dir of ["scripts", "src"]) {
      await cp(path.join(DIST, dir), path.join(root, "dist", dir), {
        recursive: true,
        preserveTimestamps: true,
        filter: (source) => keepHandlers || !source.startsWith(distHandlers),
      });
    }
    if (keepHandlers) {
      await cp(path.join(repository, "generated"), path.join(root, "generated"), { recursive: true, preserveTimestamps: true });
      await cp(path.join(DIST, "generated"), path.join(root, "dist", "generated"), { recursive: true, preserveTimestamps: true });
    }
    if (options.sources === true) {
      for (const dir of ["scripts", "test"]) await cp(path.join(repository, dir), path.join(root, dir), { recursive: true, preserveTimestamps: true });
      await cp(path.join(DIST, "test"), path.join(root, "dist", "test"), { recursive: true, preserveTimestamps: true });
      await cp(path.join(DIST, ".tsbuildinfo"), path.join(root, "dist", ".tsbuildinfo"), { preserveTimestamps: true }).catch(() => undefined);
    }
    for (const file of ["host.json", "tsconfig.json", "package.json", ".spectral.yaml", path.join("bin", "conduit.js")]) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), await readFile(path.join(repository, file)));
    }
    await symlink(path.join(repository, "node_modules"), path.join(root, "node_modules"), "dir");
    await mkdir(path.join(root, "spec"), { recursive: true });
    await writeFile(path.join(root, "spec", "apiDefinition.swagger.yaml"), options.spec);
    for (const [file, text] of Object.entries(options.files ?? {})) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  const running: RunningCommand[] = [];
  return {
    root,
    start(args, env = {}) {
      const command = runCommand(root, args, env);
      running.push(command);
      return command;
    },
    async remove() {
      for (const command of running) await command.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** The environment without the machine's own storage, auth or runtime settings. */
export function cleanEnvironment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("CONDUIT_") && name !== "AzureWebJobsStorage" && name !== "NODE_ENV" && name !== "AZURE_FUNCTIONS_ENVIRONMENT") env[name] = value;
  }
  return { ...env, ...extra };
}

function runCommand(root: string, args: readonly string[], env: Readonly<Record<string, string>>): RunningCommand {
  const child = spawn(process.execPath, [path.join(root, "bin", "conduit.js"), ...args], { cwd: root, env: cleanEnvironment(env), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
    for (const listener of listeners) listener();
  });
  return {
    child,
    output: () => output,
    waitFor(pattern, { timeoutMs = 120_000, from = 0 } = {}) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(output.slice(from));
          if (match !== null) return finish(() => resolve(match));
          if (exitCode !== undefined) finish(() => reject(new Error(`the command exited (${exitCode}) before printing ${pattern}:\n${output}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`))), timeoutMs);
        const finish = (settle: () => void): void => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async stop(graceMs = 15_000) {
      if (exitCode !== undefined) return exitCode;
      child.kill("SIGINT");
      const force = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(force);
      return code;
    },
  };
}
