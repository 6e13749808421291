/**
 * `.conduit/serve.json` with several apps running: each serve adds its entry and removes only its own, entries of
 * processes that are gone are dropped, and the single record an older conduit wrote is still read.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { readServeRecords, removeServeRecord, removeServeRecordSync, serveRecordPath, writeServeRecord } from "../../scripts/serve/record.js";
import { temporaryFolder } from "../helpers/temp.js";

/** Another live process, standing in for a second serve. */
const other = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
after(() => other.kill());

function entry(pid: number, port: number) {
  return { version: 1, pid, mode: "serve", url: `http://127.0.0.1:${port}/api`, startedAt: "2026-01-01T00:00:00.000Z" };
}

test("each serve keeps its own entry; stopping one leaves the other's", async () => {
  const root = temporaryFolder("conduit-record-");
  mkdirSync(path.join(root, ".conduit"));
  // The other serve's entry, and one of a process long gone (a pid no process has).
  writeFileSync(serveRecordPath(root), JSON.stringify({ version: 2, apps: [entry(other.pid!, 1001), entry(2 ** 22 + 17, 1002)] }));
  await writeServeRecord(root, { mode: "dev", url: "http://127.0.0.1:1003/api" });
  assert.deepEqual((await readServeRecords(root)).map((r) => r.url), ["http://127.0.0.1:1001/api", "http://127.0.0.1:1003/api"]);
  const stored = JSON.parse(readFileSync(serveRecordPath(root), "utf8")) as { apps: unknown[] };
  assert.equal(stored.apps.length, 2, "the dead process's entry is dropped");

  await removeServeRecord(root);
  assert.deepEqual((await readServeRecords(root)).map((r) => r.pid), [other.pid]);
  await writeServeRecord(root, { mode: "dev", url: "http://127.0.0.1:1003/api" });
  removeServeRecordSync(root);
  assert.deepEqual((await readServeRecords(root)).map((r) => r.pid), [other.pid]);
});

test("a single record (the file's first version) is read as one app", async () => {
  const root = temporaryFolder("conduit-record-");
  mkdirSync(path.join(root, ".conduit"));
  writeFileSync(serveRecordPath(root), JSON.stringify(entry(other.pid!, 1001)));
  assert.deepEqual((await readServeRecords(root)).map((r) => r.pid), [other.pid]);
});

test("serves that start together each keep their entry (the file is changed under a lock)", async () => {
  const root = temporaryFolder("conduit-record-");
  const module = new URL("../../scripts/serve/record.js", import.meta.url).href;
  // Each writes its entry at the same moment, says so, and stays alive until told to go.
  const script = `const { writeServeRecord } = await import(${JSON.stringify(module)});
    await new Promise((r) => setTimeout(r, Number(process.argv[1]) - Date.now()));
    await writeServeRecord(${JSON.stringify(root)}, { mode: "serve", url: "http://127.0.0.1:" + process.pid + "/api" });
    process.stdout.write("written\\n");
    process.stdin.resume();`;
  const at = String(Date.now() + 1_500);
  const serves = Array.from({ length: 6 }, () => spawn(process.execPath, ["--input-type=module", "-e", script, at], { stdio: ["pipe", "pipe", "inherit"] }));
  try {
    await Promise.all(serves.map((child) => new Promise<void>((resolve) => child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("written") && resolve()))));
    assert.deepEqual((await readServeRecords(root)).map((r) => r.pid).sort(), serves.map((child) => child.pid).sort());
  } finally {
    for (const child of serves) child.kill();
  }
});
