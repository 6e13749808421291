/**
 * Where each side of a diff comes from: a git ref (files read with `git show ref:path`), a file on disk, or the
 * working tree. Files are named by keys: repository-relative paths for git refs and the working tree (so that both
 * sides of a branch comparison use the same names), cwd-relative paths for files given on the command line.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../../diagnostics.js";
import { repositoryTop, resolveCommit, showFile } from "./git.js";

export interface SideSource {
  /** How the side is named in messages: `origin/main`, `working tree`, or the file. */
  readonly label: string;
  /** The git ref for sides read from git (printed next to file names). */
  readonly revision?: string;
  readonly mainKey: string;
  /** The file's text, or undefined when it does not exist on this side. */
  read(key: string): Promise<string | undefined>;
  /** The file name to print for a key. */
  display(key: string): string;
}

const toPosix = (p: string) => p.split(path.sep).join("/");

/**
 * `arg` undefined means the working tree. An existing file is a file; anything else must be a git ref. `spec` is the
 * absolute path of the project's spec (the file read at a ref and in the working tree).
 */
export async function resolveSide(arg: string | undefined, spec: string, cwd: string, which: "base" | "head"): Promise<SideSource> {
  if (arg === undefined) return workingTree(spec, cwd);
  const file = path.resolve(cwd, arg);
  const info = await stat(file).catch(() => undefined);
  if (info?.isFile()) return fileSide(file, cwd);
  const top = await repositoryTop(cwd);
  if (top === undefined) {
    throw new UserError(`${which} "${arg}" is neither a file nor a git revision (${cwd} is not in a git repository)`, { exitCode: 2 });
  }
  const commit = await resolveCommit(arg, cwd);
  if (commit === undefined) {
    const hint = arg.includes("/") ? ` (in a shallow CI checkout, fetch it first: git fetch origin ${arg.replace(/^origin\//, "")})` : "";
    throw new UserError(`${which} "${arg}": no such file, and git knows no commit, branch or tag by that name${hint}`, { exitCode: 2 });
  }
  const mainKey = toPosix(path.relative(top, spec));
  if (mainKey.startsWith("../")) {
    throw new UserError(`the spec ${spec} is outside the git repository at ${top}, so it cannot be read at ${arg}`, { exitCode: 2 });
  }
  return {
    label: arg,
    revision: arg,
    mainKey,
    read: (key) => showFile(commit, key, top),
    display: (key) => toPosix(path.relative(cwd, path.join(top, key))) || key,
  };
}

async function workingTree(spec: string, cwd: string): Promise<SideSource> {
  const top = (await repositoryTop(cwd)) ?? cwd;
  const rel = toPosix(path.relative(top, spec));
  const root = rel.startsWith("../") ? cwd : top;
  return {
    label: "working tree",
    mainKey: toPosix(path.relative(root, spec)),
    read: (key) => readText(path.resolve(root, key)),
    display: (key) => displayRelative(path.resolve(root, key), cwd),
  };
}

/** A definition on disk, named relative to cwd (the files it `$ref`s are read beside it). */
export function fileSide(file: string, cwd: string): SideSource {
  const key = toPosix(path.relative(cwd, file));
  return {
    label: displayRelative(file, cwd),
    mainKey: key,
    read: (k) => readText(path.resolve(cwd, k)),
    display: (k) => displayRelative(path.resolve(cwd, k), cwd),
  };
}

function displayRelative(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel.startsWith("..") || path.isAbsolute(rel) ? file : toPosix(rel);
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new UserError(`cannot read ${file}: ${code ?? "unreadable"}`, { exitCode: 2 });
  }
}

/** A side held in memory (tests, benchmarks, tools that already have the text): keys are the names printed. */
export function memorySource(label: string, files: Readonly<Record<string, string>>, mainKey = Object.keys(files)[0] ?? "apiDefinition.swagger.json"): SideSource {
  return {
    label,
    mainKey,
    read: async (key) => files[key],
    display: (key) => key,
  };
}
