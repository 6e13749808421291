import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { TableClient } from "@azure/data-tables";
import { startAzurite } from "../../scripts/serve/azurite.js";
import { portOpen } from "./child.js";

const run = promisify(execFile);

describe("Azurite for serve and tests", () => {
  test("its connection string reaches a working Table service on 127.0.0.1; stop removes its temporary data", async () => {
    const azurite = await startAzurite();
    try {
      assert.match(azurite.connectionString, new RegExp(`TableEndpoint=http://127\\.0\\.0\\.1:${azurite.port}/devstoreaccount1;`));
      const client = TableClient.fromConnectionString(azurite.connectionString, "probe", { allowInsecureConnection: true });
      await client.createTable();
      await client.createEntity({ partitionKey: "p", rowKey: "r", value: 42 });
      assert.equal((await client.getEntity<{ value: number }>("p", "r")).value, 42);
      assert.ok((await readdir(azurite.location)).length > 0, "Azurite keeps its data in the temporary location");
    } finally {
      await azurite.stop();
    }
    assert.equal(await portOpen(azurite.port), false);
    assert.equal(existsSync(azurite.location), false);
    await azurite.stop(); // stopping twice is harmless
  });

  test("a location given is kept", async () => {
    const location = await mkdtemp(path.join(os.tmpdir(), "conduit-azurite-kept-"));
    try {
      const azurite = await startAzurite({ location });
      await azurite.stop();
      assert.ok(existsSync(location));
    } finally {
      await rm(location, { recursive: true, force: true });
    }
  });

  test("a process that ends without stopping it (a crash) takes Azurite and its data with it", async () => {
    const module = new URL("../../scripts/serve/azurite.js", import.meta.url).href;
    const { stdout } = await run(process.execPath, [
      "--input-type=module",
      "-e",
      `const { startAzurite } = await import(${JSON.stringify(module)}); const a = await startAzurite(); console.log(JSON.stringify({ port: a.port, location: a.location })); process.exit(3);`,
    ]).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const { port, location } = JSON.parse(stdout) as { port: number; location: string };
    // SIGKILL was sent on exit; give the kernel a moment to close the socket.
    for (let i = 0; i < 50 && (await portOpen(port)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await portOpen(port), false, "Azurite is gone");
    assert.equal(existsSync(location), false, "its data is gone");
  });
});
