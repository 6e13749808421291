/**
 * Temporary folders for tests that remove themselves: each one is deleted when the test file's process exits
 * (node --test runs every file in a process of its own), pass or fail, so a test run leaves nothing in the
 * system's temp folder.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const created: string[] = [];
let hooked = false;

/** A fresh folder under the system's temp folder, named `<prefix>XXXXXX`, removed when this process exits. */
export function temporaryFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  if (!hooked) {
    hooked = true;
    process.once("exit", () => {
      for (const folder of created) rmSync(folder, { recursive: true, force: true });
    });
  }
  return dir;
}
