/** Opening tables against a real Table service (Azurite): one client per table, created once, failures retried. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { freePort, startAzurite, azuriteConnectionString } from "../../scripts/serve/azurite.js";
import { table } from "../../src/storage/tables.js";
import { useAzurite } from "../helpers/azurite.js";

describe("table()", () => {
  const azurite = useAzurite();

  test("creates the table on first use and keeps one client per table", async () => {
    const first = table("opened");
    const second = table("opened");
    assert.equal(first, second, "the same pending promise while the table is created");
    const client = await first;
    assert.equal(await table("opened"), client);
    assert.notEqual(await table("another"), client);
    // The table exists: an entity can be written straight away.
    await client.createEntity({ partitionKey: "p", rowKey: "r", value: 1 });
    assert.equal((await client.getEntity<{ value: number }>("p", "r")).value, 1);
  });

  test("a table that already exists (another instance made it) is fine", async () => {
    await table("shared");
    // Another process would have its own cache: a different spelling of the same account opens afresh.
    const sameAccount = azurite.handle().connectionString.replace(/;$/, "");
    const client = await table("shared", { AzureWebJobsStorage: sameAccount });
    assert.notEqual(client, await table("shared"));
    await client.createEntity({ partitionKey: "p", rowKey: "r" });
  });

  test("a failure to open is not kept: the next request tries again; another account gets its own client", async () => {
    const port = await freePort();
    const env = { AzureWebJobsStorage: azuriteConnectionString(port) };
    await assert.rejects(table("later", env), /ECONNREFUSED|connect/i);
    const late = await startAzurite({ port });
    try {
      const client = await table("later", env);
      await client.createEntity({ partitionKey: "p", rowKey: "only-in-the-late-one" });
      const usual = await table("later");
      assert.notEqual(usual, client);
      await assert.rejects(usual.getEntity("p", "only-in-the-late-one"), (error: unknown) => (error as { statusCode?: number }).statusCode === 404);
    } finally {
      await late.stop();
    }
  });
});
