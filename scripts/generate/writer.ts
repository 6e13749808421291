/**
 * The only module of `conduit generate` that touches the disk: compares the wanted files with what is there,
 * writes only files whose bytes change (atomically), removes generated files that are no longer wanted and,
 * in check mode, writes nothing and reports the differences.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { removeStaleTemporaries } from "../temp-files.js";
import { GENERATED_HEADER } from "./print.js";

export type FileStatus = "written" | "unchanged" | "removed" | "stale" | "missing" | "extra";

export interface FileOutcome {
  readonly file: string;
  readonly status: FileStatus;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // The pid lets a later run tell a killed run's leftover from the work of a generate still running.
  const temp = `${file}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temp, text, "utf8");
  await rename(temp, file);
}

/**
 * Generated files present in `dir` or below (they start with the header) that are not among `wanted`: an
 * operation's validators module (validators/*.cts) goes when the operation does.
 */
async function strayGeneratedFiles(dir: string, wanted: ReadonlySet<string>): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch {
    return [];
  }
  const stray: string[] = [];
  for (const name of names.sort()) {
    const file = path.join(dir, name);
    if (!(name.endsWith(".ts") || name.endsWith(".cts")) || wanted.has(file)) continue;
    const text = await readIfExists(file);
    if (text?.startsWith(GENERATED_HEADER)) stray.push(file);
  }
  return stray;
}

/** `<file>.<pid>-<hex>.tmp` names its writer; `<file>.<hex>.tmp` is the older form, which named none. */
const TEMPORARY = /\.(?:(\d+)-)?[0-9a-f]{12}\.tmp$/;

/** The temporaries of generate runs that were killed before renaming them into place, in `dir` and below. */
async function removeKilledRunLeftovers(dir: string): Promise<void> {
  let folders: string[];
  try {
    folders = [dir, ...(await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => path.join(e.parentPath, e.name))];
  } catch {
    return;
  }
  for (const folder of folders) {
    await removeStaleTemporaries(folder, (name) => {
      const match = TEMPORARY.exec(name);
      return match === null ? undefined : match[1] === undefined ? null : Number(match[1]);
    });
  }
}

/** Brings `dir` in line with `files` (absolute path → contents); with `check`, only reports. */
export async function syncGeneratedFiles(dir: string, files: ReadonlyMap<string, string>, check: boolean): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  if (!check) await removeKilledRunLeftovers(dir);
  for (const [file, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const current = await readIfExists(file);
    if (current === text) outcomes.push({ file, status: "unchanged" });
    else if (check) outcomes.push({ file, status: current === undefined ? "missing" : "stale" });
    else {
      await writeAtomically(file, text);
      outcomes.push({ file, status: "written" });
    }
  }
  for (const file of await strayGeneratedFiles(dir, new Set(files.keys()))) {
    if (check) outcomes.push({ file, status: "extra" });
    else {
      await rm(file);
      outcomes.push({ file, status: "removed" });
    }
  }
  return outcomes;
}

/** Creates the files that do not exist yet and leaves every existing one alone; returns the ones created. */
export async function createMissingFiles(files: ReadonlyMap<string, string>, check: boolean): Promise<string[]> {
  const created: string[] = [];
  for (const [file, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if ((await readIfExists(file)) !== undefined) continue;
    if (!check) {
      await mkdir(path.dirname(file), { recursive: true });
      try {
        // "wx": never replace a file that appeared meanwhile; a handler is the user's.
        await writeFile(file, text, { encoding: "utf8", flag: "wx" });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
        throw error;
      }
    }
    created.push(file);
  }
  return created;
}
