/** How the AzureWebJobsStorage setting becomes a client: checked before the SDK ever sees the account key. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { clientOptions, isUsableKey, StorageSettingError, table } from "../../src/storage/tables.js";
import { azuriteConnectionString } from "../../scripts/serve/azurite.js";

const KEY = "AccountKey=a2V5;";
const endpoint = (url: string): string => `DefaultEndpointsProtocol=https;AccountName=acct;${KEY}TableEndpoint=${url};`;

describe("clientOptions", () => {
  test("https: no insecure connection", () => {
    const options = clientOptions("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net");
    assert.equal(options.allowInsecureConnection, undefined);
    assert.equal(clientOptions(endpoint("https://acct.table.core.windows.net")).allowInsecureConnection, undefined);
  });

  test("plain http only to the emulator on loopback", () => {
    for (const host of ["127.0.0.1", "localhost", "[::1]"]) {
      assert.equal(clientOptions(endpoint(`http://${host}:10002/devstoreaccount1`)).allowInsecureConnection, true, host);
    }
    assert.equal(clientOptions(azuriteConnectionString(10002)).allowInsecureConnection, true);
    // The documented shortcut: the SDK expands it and allows http itself.
    assert.doesNotThrow(() => clientOptions("UseDevelopmentStorage=true"));
  });

  test("plain http anywhere else is refused with a message naming the setting", () => {
    for (const url of ["http://acct.table.core.windows.net", "http://127.0.0.1.example.com:10002/x", "http://10.0.0.4:10002/x", "ftp://127.0.0.1/x"]) {
      assert.throws(() => clientOptions(endpoint(url)), (error: unknown) => {
        assert.ok(error instanceof StorageSettingError, url);
        assert.match(error.message, /^AzureWebJobsStorage: TableEndpoint .* is not https/);
        return true;
      });
    }
    assert.throws(() => clientOptions("DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=a2V5"), /DefaultEndpointsProtocol=http would reach Azure unencrypted/);
    assert.throws(() => clientOptions(endpoint("not a url")), /TableEndpoint "not a url" is not a URL/);
  });
});

describe("table() without the setting", () => {
  test("a missing or blank AzureWebJobsStorage is a clear error at first use, as a rejection", async () => {
    for (const env of [{}, { AzureWebJobsStorage: "   " }]) {
      const opened = table("workorders", env);
      assert.ok(opened instanceof Promise);
      await assert.rejects(opened, (error: unknown) => {
        assert.ok(error instanceof StorageSettingError);
        assert.match(error.message, /the AzureWebJobsStorage app setting is not set: set it to the storage account's connection string/);
        return true;
      });
    }
  });

  test("an http endpoint off loopback is refused before any request is sent", async () => {
    await assert.rejects(table("workorders", { AzureWebJobsStorage: endpoint("http://acct.example.com") }), StorageSettingError);
  });
});

describe("isUsableKey", () => {
  test("what the Table service takes as a key", () => {
    for (const ok of ["6f1c2f9e-2d7b-4a8e-9a31-3c5b2f0e7d41", "tech-ana-lopez", "a b", "é", "x".repeat(1024)]) assert.equal(isUsableKey(ok), true, ok);
    for (const bad of ["", "a/b", "a\\b", "a#b", "a?b", "a\u0000b", "a\nb", "a\u007fb", "a\u0085b", "x".repeat(1025), "é".repeat(513)]) {
      assert.equal(isUsableKey(bad), false, JSON.stringify(bad));
    }
  });
});
