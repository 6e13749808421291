/**
 * Saves under spec/ and src/, gathered into batches: editors write a file in several steps (a temporary file, a
 * rename, a second write), so a batch closes once the folders have been quiet for a moment.
 */
import { watch, type FSWatcher } from "node:fs";
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

export function watchFolders(folders: readonly string[], onBatch: (batch: Batch) => void): Watcher {
  let files = new Set<string>();
  let firstSeen = 0;
  let quiet: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  const flush = (): void => {
    clearTimeout(quiet);
    clearTimeout(deadline);
    quiet = deadline = undefined;
    if (files.size === 0) return;
    const batch = { files, firstSeen };
    files = new Set();
    onBatch(batch);
  };
  const watchers: FSWatcher[] = folders.map((folder) =>
    watch(folder, { recursive: true }, (_event, name) => {
      if (name === null || isNoise(name)) return;
      if (files.size === 0) {
        firstSeen = performance.now();
        deadline = setTimeout(flush, MAX_WAIT_MS);
      }
      files.add(path.join(folder, name));
      clearTimeout(quiet);
      quiet = setTimeout(flush, QUIET_MS);
    }),
  );
  return {
    close: () => {
      clearTimeout(quiet);
      clearTimeout(deadline);
      for (const watcher of watchers) watcher.close();
    },
  };
}
