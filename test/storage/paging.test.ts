import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { fromSkipToken, toSkipToken } from "../../src/storage/paging.js";

/** A continuation token exactly as @azure/data-tables makes one (utils/continuationToken.js). */
function sdkToken(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64");
}

describe("skipToken ⇄ Table continuation token", () => {
  test("round-trips the SDK's token and needs no escaping in a URL", () => {
    // Keys chosen so the base64 has + and / in it, which base64url replaces.
    const token = sdkToken({ nextPartitionKey: "1!16!d29ya29yZGVy", nextRowKey: "1!72!ZmZm>?>?~~~" });
    assert.match(token, /[+/=]/);
    const skip = toSkipToken(token);
    assert.match(skip, /^[A-Za-z0-9_-]+$/);
    assert.equal(encodeURIComponent(skip), skip);
    assert.equal(fromSkipToken(skip), token);
  });

  test("a token without a next row key is still ours", () => {
    const token = sdkToken({ nextPartitionKey: "1!8!cGFydA--" });
    assert.equal(fromSkipToken(toSkipToken(token)), token);
  });

  test("refuses what the API did not hand out, before it reaches the service", () => {
    const b64url = (value: unknown): string => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
    const refused: Record<string, string> = {
      empty: "",
      "not base64url (standard base64 characters)": "ab+/cd==",
      "not JSON": b64url("hello"),
      "JSON, not an object": b64url([1, 2]),
      "null": b64url(null),
      "no partition key": b64url({ nextRowKey: "x" }),
      "empty partition key": b64url({ nextPartitionKey: "" }),
      "partition key not a string": b64url({ nextPartitionKey: 5 }),
      "row key not a string": b64url({ nextPartitionKey: "p", nextRowKey: 1 }),
      "an extra field": b64url({ nextPartitionKey: "p", nextRowKey: "r", filter: "true" }),
      "too long": b64url({ nextPartitionKey: "p".repeat(5_000) }),
      "the spec's own example token (an empty partition key)": "eyJuZXh0UGFydGl0aW9uS2V5IjoiIn0",
    };
    for (const [why, token] of Object.entries(refused)) assert.equal(fromSkipToken(token), undefined, why);
  });
});
