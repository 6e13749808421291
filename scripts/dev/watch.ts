/**
 * Saves under spec/ and src/, gathered into batches: editors write a file in several steps (a temporary file, a
 * rename, a second write), so a batch closes once the folders have been quiet for a moment.
 *
 * Each folder of the tree is watched on its own (not `fs.watch(..., { recursive: true })`): on Linux, Node 20's
 * recursive watch follows each file by its inode, so after an editor's atomic save (a temporary file renamed over
 * the original, as vim and VS Code do) it watches a file that no longer exists and misses every later save of it.
 * A folder's watch sees each name that is written or renamed into it, whatever the file's inode.
 */
import { readdirSync, statSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";

export interface Batch {
  /** Absolute paths that changed. */
  readonly files: ReadonlySet<string>;
  /** When the first change of the batch was seen (performance.now()). */
  readonly firstSeen: number;
}

export interface Watcher {
  close(): void;
}

const QUIET_MS = 30;
const MAX_WAIT_MS = 250;

/** Editors' own files: backups, swap files, lock files. */
function isNoise(name: string): boolean {
  const base = path.basename(name);
  return base.startsWith(".#") || base.endsWith("~") || /\.sw[a-p]$/.test(base) || base.endsWith(".tmp") || base === "4913";
}

/** The folder and every folder below it (node_modules and dot-folders left out). */
function foldersUnder(root: string): string[] {
  const found = [root];
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules") {
      found.push(...foldersUnder(path.join(root, entry.name)));
    }
  }
  return found;
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** The files under a folder that has just appeared (a moved-in tree is saved all at once). */
function filesUnder(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
  } catch {
    return [];
  }
}

export function watchFolders(folders: readonly string[], onBatch: (batch: Batch) => void): Watcher {
  let files = new Set<string>();
  let firstSeen = 0;
  let quiet: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  let closed = false;
  const watchers = new Map<string, FSWatcher>();
  const flush = (): void => {
    clearTimeout(quiet);
    clearTimeout(deadline);
    quiet = deadline = undefined;
    if (files.size === 0) return;
    const batch = { files, firstSeen };
    files = new Set();
    onBatch(batch);
  };
  const changed = (file: string): void => {
    if (files.size === 0) {
      firstSeen = performance.now();
      deadline = setTimeout(flush, MAX_WAIT_MS);
    }
    files.add(file);
    clearTimeout(quiet);
    quiet = setTimeout(flush, QUIET_MS);
  };
  const unwatch = (folder: string): void => {
    for (const [watched, watcher] of watchers) {
      if (watched === folder || watched.startsWith(folder + path.sep)) {
        watcher.close();
        watchers.delete(watched);
      }
    }
  };
  const watchTree = (root: string): void => {
    for (const folder of foldersUnder(root)) {
      if (closed || watchers.has(folder)) continue;
      let watcher: FSWatcher;
      try {
        watcher = watch(folder, (_event, name) => {
          if (name === null) return;
          const file = path.join(folder, name);
          const folderNow = isFolder(file);
          // A folder made (or moved in) under a watched one gets its own watch, and its files count as saved.
          if (folderNow && !watchers.has(file)) {
            watchTree(file);
            for (const inside of filesUnder(file)) if (!isNoise(inside)) changed(inside);
            return;
          }
          if (!folderNow && watchers.has(file)) unwatch(file);
          if (!isNoise(name)) changed(file);
        });
      } catch {
        continue; // removed between the listing and the watch
      }
      // A watched folder that is removed ends its watch with an error on some platforms: forget it.
      watcher.on("error", () => unwatch(folder));
      watchers.set(folder, watcher);
    }
  };
  for (const folder of folders) watchTree(folder);
  return {
    close: () => {
      closed = true;
      clearTimeout(quiet);
      clearTimeout(deadline);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
