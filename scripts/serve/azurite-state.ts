/**
 * What `conduit serve` knows about the Azurite it started, kept in .conduit/azurite.json while it runs: enough to
 * find that Azurite again after serve was killed without a chance to stop it (SIGKILL, a crash of the machine's
 * terminal), and to end it then, but only after checking that the process is still that Azurite (a pid may have
 * been given to another program since).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { isRunning } from "../temp-files.js";

export interface AzuriteState {
  readonly pid: number;
  readonly port: number;
  readonly location: string;
  /** True when the location is a temporary folder serve made (and removes). */
  readonly temporary: boolean;
  /** The Azurite script the process runs, to recognise it by its command line. */
  readonly main: string;
}

/** Where serve keeps it, beside the local issuer's state (git-ignored). */
export function azuriteStateFile(root: string): string {
  return path.join(root, ".conduit", "azurite.json");
}

export async function writeAzuriteState(file: string, state: AzuriteState): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

export async function removeAzuriteState(file: string): Promise<void> {
  await rm(file, { force: true });
}

async function readAzuriteState(file: string): Promise<AzuriteState | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch {
    return undefined;
  }
  const state = parsed as Partial<AzuriteState> | null;
  if (
    typeof state?.pid !== "number" ||
    typeof state.port !== "number" ||
    typeof state.location !== "string" ||
    typeof state.temporary !== "boolean" ||
    typeof state.main !== "string"
  ) {
    return undefined;
  }
  return state as AzuriteState;
}

/**
 * Ends the Azurite that a previous serve of this project left running, and removes its temporary data; returns
 * what it did, for serve to say. A process under that pid that is not that Azurite is left alone.
 */
export async function endStaleAzurite(file: string): Promise<string[]> {
  const state = await readAzuriteState(file);
  if (state === undefined) {
    await removeAzuriteState(file);
    return [];
  }
  const notes: string[] = [];
  const ours = isRunning(state.pid) && isAzuriteCommand(await commandLineOf(state.pid), state);
  if (ours) {
    await stopProcess(state.pid);
    // Its port may take a moment after the process to be free again; the new Azurite wants the same one.
    for (let i = 0; i < 40 && !(await portFree(state.port)); i++) await sleep(50);
    notes.push(
      `Stopped Azurite (pid ${state.pid}, port ${state.port}), left running by a conduit serve that did not stop; ${state.temporary ? "removed its temporary data" : `kept its data in ${state.location}`}.`,
    );
  }
  if (state.temporary && isOurTemporaryFolder(state.location) && existsSync(state.location)) {
    await rm(state.location, { recursive: true, force: true });
    if (!ours) notes.push(`Removed the temporary data a conduit serve that did not stop left in ${state.location}.`);
  }
  await removeAzuriteState(file);
  return notes;
}

/** Only a folder serve itself would have made: a corrupt state file must not point the removal anywhere else. */
function isOurTemporaryFolder(location: string): boolean {
  return path.dirname(path.resolve(location)) === path.resolve(os.tmpdir()) && path.basename(location).startsWith("conduit-azurite-");
}

function isAzuriteCommand(command: string | undefined, state: AzuriteState): boolean {
  return command !== undefined && command.includes(state.main) && command.includes(state.location) && command.includes(String(state.port));
}

/** A process's command line: /proc on Linux, `ps` elsewhere; undefined when it cannot be read. */
async function commandLineOf(pid: number): Promise<string | undefined> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\u0000").join(" ");
  } catch {
    // not Linux, or no /proc
  }
  return new Promise((resolve) => {
    execFile("ps", ["-o", "command=", "-p", String(pid)], (error, stdout) => resolve(error === null ? stdout.trim() : undefined));
  });
}

async function stopProcess(pid: number): Promise<void> {
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(pid, name);
    } catch {
      // gone already
    }
  };
  signal("SIGTERM");
  for (let i = 0; i < 100 && isRunning(pid); i++) await sleep(50);
  if (!isRunning(pid)) return;
  signal("SIGKILL");
  for (let i = 0; i < 40 && isRunning(pid); i++) await sleep(50);
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}
