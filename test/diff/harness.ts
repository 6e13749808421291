import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffSides } from "../../scripts/diff/diff.js";
import type { DiffReport } from "../../scripts/diff/format/report.js";
import { loadSide } from "../../scripts/diff/load/load-side.js";
import { memorySource, resolveSide } from "../../scripts/diff/load/side.js";
import { temporaryFolder } from "../helpers/temp.js";

/** Diffs two files on disk, as `conduit diff a b` does. */
export async function diffFiles(base: string, head: string, cwd = process.cwd()): Promise<DiffReport> {
  const [b, h] = await Promise.all([resolveSide(base, base, cwd, "base"), resolveSide(head, head, cwd, "head")]);
  return diffSides(await loadSide(b), await loadSide(h));
}

/** Diffs two documents given as values (written as JSON) or texts, named base.json and head.json. */
export async function diffDocuments(base: unknown, head: unknown): Promise<DiffReport> {
  const text = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v, null, 2));
  const b = await loadSide(memorySource("base", { "base.json": text(base) }));
  const h = await loadSide(memorySource("head", { "head.json": text(head) }));
  return diffSides(b, h);
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const CLI = new URL("../../scripts/cli.js", import.meta.url).href;

/** Runs the compiled CLI in a child process in `cwd`, as a user would: exit code and both streams. */
export function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const script = `const { main } = await import(${JSON.stringify(CLI)}); process.exitCode = await main(${JSON.stringify(args)});`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder, removed when the test file ends. */
export function tempDir(prefix = "conduit-diff-"): string {
  return temporaryFolder(prefix);
}

/** Writes files (relative paths → text) under a folder, making parent folders. */
export function writeTree(root: string, files: Readonly<Record<string, string>>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
}

/** git in a folder, with an identity so commits work on a bare machine. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });
}
