import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { UserError } from "../diagnostics.js";

const run = promisify(execFile);

/**
 * The text of `file` at a git ref, or undefined when the file did not exist there. A ref git does not know, or a
 * folder outside a repository, is the user's mistake (exit 2).
 */
export async function readAtRef(file: string, ref: string, cwd: string): Promise<string | undefined> {
  const top = await git(["rev-parse", "--show-toplevel"], cwd, `--since needs a git repository: ${cwd} is not in one`);
  await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd, `--since ${ref}: git knows no such commit, branch or tag`);
  const relative = path.relative(top.trim(), file).split(path.sep).join("/");
  try {
    const { stdout } = await run("git", ["show", `${ref}:${relative}`], { cwd, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" });
    return stdout;
  } catch {
    return undefined;
  }
}

async function git(args: string[], cwd: string, failure: string): Promise<string> {
  try {
    const { stdout } = await run("git", args, { cwd, encoding: "utf8" });
    return stdout;
  } catch {
    throw new UserError(failure, { exitCode: 2 });
  }
}
