import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { removeStaleTemporaries } from "../temp-files.js";

export interface PackageFile {
  readonly name: string;
  readonly content: string | Uint8Array;
  /** Holds a secret: written readable by its owner only. */
  readonly secret?: boolean;
}

/**
 * Replaces `dir` with a folder holding exactly `files`, never leaving a half-written package: the files are
 * written into a temporary sibling folder which is then renamed into place (the old folder is moved aside first,
 * because a folder cannot be renamed over a non-empty one).
 */
export async function writePackageAtomically(dir: string, files: readonly PackageFile[]): Promise<void> {
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const staging = stagingFolder(dir, tag);
  const retired = path.join(parent, `.${base}.old-${tag}`);
  await mkdir(parent, { recursive: true });
  try {
    // Owner only when a file holds a secret: the folder holds it from the first write on.
    await mkdir(staging, { mode: files.some((file) => file.secret) ? 0o700 : 0o777 });
    for (const file of files) await writeFile(path.join(staging, file.name), file.content, file.secret ? { mode: 0o600 } : {});
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  let movedAside = false;
  try {
    await rename(dir, retired);
    movedAside = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
  }
  try {
    await rename(staging, dir);
  } catch (error) {
    if (movedAside) await rename(retired, dir);
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  if (movedAside) await rm(retired, { recursive: true, force: true });
}

/**
 * The temporary siblings that a bundle killed half-way left beside `dir` (its staging folder, or the previous
 * package moved aside), removed: a staging folder may hold the client secret. Folders of a bundle still running
 * are left alone. Returns what was removed.
 */
export function removeKilledBundleLeftovers(dir: string): Promise<string[]> {
  const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(dir))}\\.(?:tmp|old)-(\\d+)-[0-9a-f]+$`);
  return removeStaleTemporaries(path.dirname(dir), (name) => {
    const pid = pattern.exec(name)?.[1];
    return pid === undefined ? undefined : Number(pid);
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The temporary sibling a package is written into before it is renamed into place (`tag` tells runs apart). */
export function stagingFolder(dir: string, tag: string): string {
  return path.join(path.dirname(dir), `.${path.basename(dir)}.tmp-${tag}`);
}
