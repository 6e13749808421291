import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { UserError } from "../diagnostics.js";

const run = promisify(execFile);

/** Reads files as they were at a git ref. */
export interface Revision {
  /** The file's text at the ref, or undefined when it did not exist there. */
  read(file: string): Promise<string | undefined>;
}

/** Opens a ref of the repository around `cwd`; a folder outside a repository or an unknown ref is a usage error. */
export async function openRevision(ref: string, cwd: string): Promise<Revision> {
  const top = (await git(["rev-parse", "--show-toplevel"], cwd, `--since needs a git repository: ${cwd} is not in one`)).trim();
  await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd, `--since ${ref}: git knows no such commit, branch or tag`);
  return {
    async read(file) {
      const relative = path.relative(top, file).split(path.sep).join("/");
      try {
        const { stdout } = await run("git", ["show", `${ref}:${relative}`], { cwd, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" });
        return stdout;
      } catch {
        return undefined;
      }
    },
  };
}

async function git(args: string[], cwd: string, failure: string): Promise<string> {
  try {
    const { stdout } = await run("git", args, { cwd, encoding: "utf8" });
    return stdout;
  } catch {
    throw new UserError(failure, { exitCode: 2 });
  }
}
