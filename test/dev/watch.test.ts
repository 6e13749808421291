/**
 * dev's watcher on real files: saves made the way editors make them (a temporary file renamed over the
 * original: vim, VS Code's atomic save) are seen every time, not only the first, and so are plain writes after
 * them, files in folders made after the watch started, and files of a folder moved in.
 */
import assert from "node:assert/strict";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { watchFolders, type Batch } from "../../scripts/dev/watch.js";
import { temporaryFolder } from "../helpers/temp.js";

/** Batches as they come; `next(file)` waits for the one naming `file` (a missed save fails after 10 s). */
function recorder(folder: string) {
  const batches: Batch[] = [];
  let wake: (() => void) | undefined;
  const watcher = watchFolders([folder], (batch) => {
    batches.push(batch);
    wake?.();
  });
  return {
    watcher,
    async next(file: string): Promise<void> {
      const limit = Date.now() + 10_000;
      for (;;) {
        const index = batches.findIndex((batch) => batch.files.has(file));
        if (index >= 0) {
          batches.splice(0, index + 1);
          return;
        }
        const left = limit - Date.now();
        if (left <= 0) assert.fail(`no batch named ${path.basename(file)}; saw ${JSON.stringify(batches.map((b) => [...b.files]))}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, Math.min(left, 500));
        });
      }
    },
  };
}

const folder = temporaryFolder("conduit-watch-");
mkdirSync(path.join(folder, "handlers"));
const file = path.join(folder, "handlers", "GetNote.ts");
writeFileSync(file, "export const a = 0;\n");
const watched = recorder(folder);
after(() => watched.watcher.close());

function atomicSave(target: string, text: string): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.swx`);
  writeFileSync(temporary, text);
  renameSync(temporary, target);
}

test("every atomic save (temporary file renamed over the original) is seen, and plain writes after them", async () => {
  for (let save = 1; save <= 3; save++) {
    atomicSave(file, `export const a = ${save};\n`);
    await watched.next(file);
  }
  writeFileSync(file, "export const a = 4;\n");
  await watched.next(file);
});

test("a file in a folder made after the watch started is seen, and a folder moved in brings its files", async () => {
  mkdirSync(path.join(folder, "handlers", "nested"));
  const nested = path.join(folder, "handlers", "nested", "util.ts");
  // Written before the new folder's watch may have started: the folder's appearance reports it.
  writeFileSync(nested, "export const b = 1;\n");
  await watched.next(nested);
  atomicSave(nested, "export const b = 2;\n");
  await watched.next(nested);

  const outside = temporaryFolder("conduit-watch-moved-");
  writeFileSync(path.join(outside, "moved.ts"), "export const c = 1;\n");
  const moved = path.join(folder, "moved");
  renameSync(outside, moved);
  await watched.next(path.join(moved, "moved.ts"));
  atomicSave(path.join(moved, "moved.ts"), "export const c = 2;\n");
  await watched.next(path.join(moved, "moved.ts"));
});
