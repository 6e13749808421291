/** The block `conduit dev` prints for one save: stages in order, plain times, failures with what keeps running. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatMs, formatSaveReport } from "../../scripts/dev/report.js";

test("times have no digit grouping: milliseconds under a second, then seconds", () => {
  assert.equal(formatMs(107.4), "107 ms");
  assert.equal(formatMs(5107), "5.1 s");
  assert.equal(formatMs(999.4), "999 ms");
});

test("a save of the spec: one block with lint's findings, generate, build and reload, each with its time", () => {
  const lines = formatSaveReport({
    files: ["spec/apiDefinition.swagger.yaml"],
    lint: { errors: 0, warnings: 1, findings: ["spec/apiDefinition.swagger.yaml:12:7  warning  Give it a maxLength. (conduit-stored-string-length)"] },
    generate: { ok: true, ms: 190, text: "3 operations; new handler src/handlers/Ping.ts (answers 501 until you write it)" },
    build: { ok: true, ms: 107, text: "5 files" },
    reload: { ok: true, ms: 5107, text: "served 5.4 s after the save; 3 operations (+Ping)" },
    notes: [],
  });
  assert.deepEqual(lines, [
    "saved spec/apiDefinition.swagger.yaml",
    "  lint      1 warning",
    "    spec/apiDefinition.swagger.yaml:12:7  warning  Give it a maxLength. (conduit-stored-string-length)",
    "  generate  190 ms  3 operations; new handler src/handlers/Ping.ts (answers 501 until you write it)",
    "  build     107 ms  5 files",
    "  reload    5.1 s  served 5.4 s after the save; 3 operations (+Ping)",
  ]);
});

test("a failed stage ends the block with what keeps running, and says nothing of a reload", () => {
  const lines = formatSaveReport({
    files: ["src/handlers/GetNote.ts"],
    build: { ok: false, text: "1 error", details: ["src/handlers/GetNote.ts:11:7  error  Variable declaration expected."] },
    notes: ["not reloaded: the app runs the last version that compiled"],
  });
  assert.deepEqual(lines, [
    "saved src/handlers/GetNote.ts",
    "  build     failed: 1 error",
    "    src/handlers/GetNote.ts:11:7  error  Variable declaration expected.",
    "  not reloaded: the app runs the last version that compiled",
  ]);
});
