/**
 * Temporary files and folders that a command writes before renaming them into place carry the writer's process id,
 * so that a later run can tell a leftover of a killed run (its process is gone) from the work of one still running.
 */
import { readFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";

/** Whether a process with this id runs (EPERM: it does, under another user; a zombie has ended). */
export function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    // Linux: "pid (name) state …"; an ended process nobody has reaped yet still answers kill(0).
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}

/**
 * Removes the entries of `dir` that `writerOf` recognises as temporaries and whose writer no longer runs
 * (`writerOf` returns the pid, or null for a temporary of an older form that names none, which no running conduit
 * writes any more). Returns the removed paths; a missing folder has none.
 */
export async function removeStaleTemporaries(dir: string, writerOf: (name: string) => number | null | undefined): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.sort()) {
    const pid = writerOf(name);
    if (pid === undefined || (pid !== null && (pid === process.pid || isRunning(pid)))) continue;
    await rm(path.join(dir, name), { recursive: true, force: true });
    removed.push(path.join(dir, name));
  }
  return removed;
}
