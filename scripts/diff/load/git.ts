/** The git commands `conduit diff` needs: where the repository is, whether a ref exists, a file at a ref. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The repository's top folder, or undefined when `cwd` is not in one (or git is not installed). */
export async function repositoryTop(cwd: string): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", ["rev-parse", "--show-toplevel"], { cwd, encoding: "utf8" });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/** The commit a ref names, or undefined when git knows no such commit, branch or tag. */
export async function resolveCommit(ref: string, cwd: string): Promise<string | undefined> {
  if (ref.startsWith("-")) return undefined;
  try {
    const { stdout } = await run("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd, encoding: "utf8" });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** A file's text at a commit (`path` relative to the repository top, `/`-separated); undefined when it is not there. */
export async function showFile(commit: string, path: string, cwd: string): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", ["show", `${commit}:${path}`], { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch {
    return undefined;
  }
}
