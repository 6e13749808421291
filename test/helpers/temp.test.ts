/**
 * A test run leaves nothing in the system's temp folder: the test files that make temporary folders through the
 * shared helpers (diff's and lint's) are run as `npm test` runs them, with a temp folder of their own, which must
 * be empty afterwards, whether their tests pass or fail.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const DIST_TEST = fileURLToPath(new URL("../", import.meta.url));

/** The environment of a test run of its own (without the parent runner's NODE_TEST_CONTEXT), temp folder `tmp`. */
function ownRun(tmp: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, TEMP: tmp, TMP: tmp };
  delete env["NODE_TEST_CONTEXT"];
  return env;
}

test("test files that make temporary folders leave none behind", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "conduit-temp-check-"));
  try {
    const files = ["diff/bad-input.test.js", "diff/git.test.js", "lint/bad-input.test.js"].map((file) => path.join(DIST_TEST, file));
    const run = spawnSync(process.execPath, ["--test", "--test-concurrency=1", ...files], { encoding: "utf8", env: ownRun(tmp) });
    assert.equal(run.status, 0, run.stdout.slice(-2000));
    assert.deepEqual(readdirSync(tmp), []);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("a failing test still removes its temporary folders", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "conduit-temp-check-"));
  const helper = new URL("./temp.js", import.meta.url).href;
  const file = path.join(tmp, "failing.test.mjs");
  writeFileSync(file, `import { test } from "node:test";\nimport { temporaryFolder } from ${JSON.stringify(helper)};\ntest("fails", () => { temporaryFolder("conduit-x-"); throw new Error("boom"); });\n`);
  try {
    const run = spawnSync(process.execPath, ["--test", file], { encoding: "utf8", env: ownRun(tmp) });
    assert.notEqual(run.status, 0);
    assert.deepEqual(readdirSync(tmp), ["failing.test.mjs"]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
