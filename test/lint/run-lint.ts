import { writeFile } from "node:fs/promises";
import path from "node:path";
import { runLint } from "../../scripts/lint/command.js";
import { temporaryFolder } from "../helpers/temp.js";

export interface LintRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `conduit lint` in this process from the project root, as the CLI would, and keeps what it printed. */
export async function lint(...args: string[]): Promise<LintRun> {
  let stdout = "";
  let stderr = "";
  const code = await runLint(args, { cwd: process.cwd(), stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

/** Writes files into a fresh temporary folder (removed when the test file ends) and returns their absolute paths, in order. */
export async function writeFiles(files: Record<string, string>): Promise<string[]> {
  const dir = temporaryFolder("conduit-lint-");
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    await writeFile(file, text);
    written.push(file);
  }
  return written;
}

/** The 1-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" is not in the text`);
  return index + 1;
}
