/**
 * schemathesis, a Python test tool, in a virtual environment of its own: built once per machine from the pinned
 * requirements.txt (from PyPI) and kept in the user's cache, keyed by that file's hash, so a change of pins builds a
 * new one and nothing is installed twice. The environment is built in a temporary folder and renamed into place
 * whole, so an interrupted or concurrent install never leaves a half-built one behind.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export const REQUIREMENTS = path.resolve(process.cwd(), "test/schemathesis/requirements.txt");
/** schemathesis 4.32 requires Python 3.11. */
const MINIMUM_PYTHON: readonly [number, number] = [3, 11];
const READY = ".conduit-ready";

export interface Schemathesis {
  /** The environment's python: schemathesis runs as `python -c … run …`, which keeps working after the rename. */
  readonly python: string;
  readonly folder: string;
  /** Set when this call built the environment. */
  readonly installedMs?: number;
}

export interface Outcome {
  readonly code: number | null;
  readonly output: string;
}

/** A Python that can make virtual environments, or the reason there is none (what to install). */
export async function findPython(): Promise<{ executable: string; version: string } | string> {
  const probe = "import sys, venv, ensurepip; print('%d.%d.%d' % sys.version_info[:3])";
  for (const executable of process.platform === "win32" ? ["python", "py"] : ["python3", "python"]) {
    const result = await run(executable, ["-c", probe]);
    const version = /^(\d+)\.(\d+)\.\d+/.exec(result.output.trim());
    if (result.code !== 0 || !version) continue;
    const [major, minor] = [Number(version[1]), Number(version[2])];
    if (major > MINIMUM_PYTHON[0] || (major === MINIMUM_PYTHON[0] && minor >= MINIMUM_PYTHON[1])) return { executable, version: version[0] };
  }
  return `no Python ${MINIMUM_PYTHON.join(".")} or later with venv was found (python3 on PATH): install it, e.g. \`sudo apt-get install python3 python3-venv\` on Debian or Ubuntu, \`brew install python@3.12\` on macOS, or from https://www.python.org`;
}

/** The cached environment for requirements.txt, built now when there is none. */
export async function ensureSchemathesis(python: string, requirements = REQUIREMENTS): Promise<Schemathesis> {
  const pins = await readFile(requirements, "utf8");
  const hash = createHash("sha256").update(pins).digest("hex").slice(0, 12);
  const cache = process.env["XDG_CACHE_HOME"] || path.join(os.homedir(), ".cache");
  const folder = path.join(cache, "conduit", `schemathesis-${hash}`);
  const venvPython = pythonIn(folder);
  if (existsSync(path.join(folder, READY)) && existsSync(venvPython)) return { python: venvPython, folder };

  const started = performance.now();
  await mkdir(path.dirname(folder), { recursive: true });
  const building = `${folder}.building-${process.pid}-${Date.now()}`;
  try {
    const created = await run(python, ["-m", "venv", building]);
    if (created.code !== 0) throw new Error(`${python} -m venv failed (is the venv module installed? e.g. apt-get install python3-venv):\n${tail(created.output)}`);
    const installed = await run(pythonIn(building), ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--quiet", "--require-virtualenv", "-r", requirements]);
    if (installed.code !== 0) throw new Error(`installing schemathesis from PyPI (${path.relative(process.cwd(), requirements)}) failed:\n${tail(installed.output)}`);
    await writeFile(path.join(building, READY), pins);
    // A folder without the marker is a leftover of an install that died half-way.
    if (existsSync(folder) && !existsSync(path.join(folder, READY))) await rm(folder, { recursive: true, force: true });
    await rename(building, folder).catch(async (error: NodeJS.ErrnoException) => {
      // Another process finished first: keep its environment.
      if (!existsSync(path.join(folder, READY))) throw error;
    });
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  return { python: venvPython, folder, installedMs: performance.now() - started };
}

/** `schemathesis <args>` in the environment, in `cwd` (where Hypothesis may keep its files). */
export function runSchemathesis(env: Schemathesis, args: readonly string[], cwd: string, timeoutMs: number): Promise<Outcome> {
  const entry = "import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis(prog_name='schemathesis'))";
  return run(env.python, ["-c", entry, ...args], { cwd, timeoutMs, env: { ...process.env, NO_COLOR: "1", PYTHONIOENCODING: "utf-8" } });
}

function pythonIn(folder: string): string {
  return process.platform === "win32" ? path.join(folder, "Scripts", "python.exe") : path.join(folder, "bin", "python");
}

function run(command: string, args: readonly string[], options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            output += `\n(stopped after ${Math.round((options.timeoutMs ?? 0) / 1000)} s)`;
            child.kill("SIGKILL");
          }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: null, output: `${output}\n${error.message}` });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function tail(text: string, lines = 25): string {
  return text.trim().split("\n").slice(-lines).join("\n");
}
