import { execFile } from "node:child_process";

/** True when git would track `file` (inside a work tree and not ignored); false without git or a repository. */
export function isTrackedByGit(file: string, cwd: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile("git", ["check-ignore", "-q", file], { cwd }, (error) => {
      if (error === null) return resolve(false);
      // Exit 1: not ignored. 128 (not a repository) or no git at all: nothing can track it.
      resolve((error as { code?: unknown }).code === 1);
    });
  });
}
