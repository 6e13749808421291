/** readBody on real @azure/functions HttpRequest objects: the edges of "is there a body, and what is in it". */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import pkg from "@azure/functions";
import type { HttpRequestInit } from "@azure/functions";
import { readBody, type BodyResult } from "../../src/runtime/body.js";
import type { BodySpec } from "../../src/runtime/contract.js";

const { HttpRequest } = pkg;

const JSON_BODY: BodySpec = { name: "body", required: false, consumes: ["application/json"], encoding: "json" };
const TEXT_BODY: BodySpec = { name: "body", required: false, consumes: ["text/csv"], encoding: "text" };
const BINARY_BODY: BodySpec = { name: "body", required: false, consumes: ["application/octet-stream"], encoding: "binary" };

function read(init: Omit<HttpRequestInit, "url">, spec: BodySpec = JSON_BODY, maxBytes = 64): Promise<BodyResult> {
  return readBody(new HttpRequest({ method: "POST", url: "http://127.0.0.1:7071/api/things", ...init }), spec, [], maxBytes);
}

function value(result: BodyResult): unknown {
  assert.ok(result.ok, result.ok ? "" : JSON.stringify(result.problem));
  return result.value;
}

function refusal(result: BodyResult): { status: number; detail: string } {
  assert.ok(!result.ok, "expected a refusal");
  return { status: result.problem.status, detail: result.problem.detail ?? "" };
}

describe("readBody", () => {
  test("no body, a zero-length body, and Content-Length 0 are all absent (undefined), whatever the media type says", async () => {
    assert.equal(value(await read({})), undefined);
    assert.equal(value(await read({ headers: { "content-type": "application/json" }, body: { bytes: new Uint8Array(0) } })), undefined);
    assert.equal(value(await read({ headers: { "content-type": "application/json", "content-length": "0" } })), undefined);
    assert.equal(value(await read({ headers: { "content-type": "text/plain" } })), undefined, "no body: the media type is not checked");
  });

  test("a body of only whitespace is not JSON: 400 that says the body ended", async () => {
    const { status, detail } = refusal(await read({ headers: { "content-type": "application/json" }, body: { string: " \n " } }));
    assert.equal(status, 400);
    assert.equal(detail, "The request body is not valid JSON: the body ends where a value should be at line 2, column 2.");
  });

  test("JSON values of any kind are passed on for the validator to judge", async () => {
    const json = (text: string) => read({ headers: { "content-type": "application/json" }, body: { string: text } });
    assert.deepEqual(value(await json('{"a":[1,{"b":null}]}')), { a: [1, { b: null }] });
    assert.equal(value(await json("false")), false);
    assert.equal(value(await json('"text"')), "text");
    assert.equal(value(await json("0")), 0);
  });

  test("media types: +json and parameters are JSON; without a Content-Type a body is read as the operation's kind", async () => {
    assert.deepEqual(value(await read({ headers: { "content-type": "application/merge-patch+json; charset=utf-8" }, body: { string: "{}" } })), {});
    assert.deepEqual(value(await read({ headers: { "content-type": "Application/JSON" }, body: { string: "[]" } })), []);
    // Bytes, because a string body makes undici's Request add text/plain itself.
    assert.deepEqual(value(await read({ body: { bytes: Buffer.from('{"x":1}') } })), { x: 1 });
    const refused = refusal(await read({ headers: { "content-type": "application/xml" }, body: { string: "<x/>" } }));
    assert.equal(refused.status, 415);
    assert.equal(refused.detail, "Content-Type application/xml is not accepted here; send application/json.");
  });

  test("a UTF-8 byte order mark is not part of the JSON; bytes that are not UTF-8 are a 400", async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('{"a":1}')]);
    assert.deepEqual(value(await read({ headers: { "content-type": "application/json" }, body: { bytes: bom } })), { a: 1 });
    // An overlong encoding of "/" and a lone continuation byte: both refused, never replaced with U+FFFD.
    for (const bytes of [[0x22, 0xc0, 0xaf, 0x22], [0x22, 0x80, 0x22]]) {
      const { status, detail } = refusal(await read({ headers: { "content-type": "application/json" }, body: { bytes: new Uint8Array(bytes) } }));
      assert.equal(status, 400);
      assert.equal(detail, "The request body is not valid UTF-8 text.");
    }
  });

  test("the size limit counts bytes, not characters; exactly the limit is accepted", async () => {
    const exactly = JSON.stringify("x".repeat(62)); // 64 bytes
    assert.equal(value(await read({ headers: { "content-type": "application/json" }, body: { string: exactly } })), "x".repeat(62));
    const multibyte = JSON.stringify("é".repeat(32)); // 34 characters, 66 bytes
    assert.equal(multibyte.length, 34);
    assert.equal(refusal(await read({ headers: { "content-type": "application/json" }, body: { string: multibyte } })).status, 413);
  });

  test("a Content-Length over the limit is refused before reading; one that is not a number is not trusted either way", async () => {
    const declared = refusal(await read({ headers: { "content-type": "application/json", "content-length": "65" }, body: { string: "{}" } }));
    assert.deepEqual(declared, { status: 413, detail: "The request body is larger than the 64 bytes this API accepts." });
    assert.deepEqual(value(await read({ headers: { "content-type": "application/json", "content-length": "lots" }, body: { string: "{}" } })), {});
    assert.equal(refusal(await read({ headers: { "content-type": "application/json", "content-length": "2" }, body: { string: JSON.stringify("y".repeat(100)) } })).status, 413, "the real size decides when the header understates it");
  });

  test("text bodies are strings (text/* or a declared type); binary bodies are bytes, unchecked", async () => {
    assert.equal(value(await read({ headers: { "content-type": "text/csv" }, body: { string: "a,b\n1,2" } }, TEXT_BODY)), "a,b\n1,2");
    assert.equal(value(await read({ headers: { "content-type": "text/plain; charset=utf-8" }, body: { string: "hi" } }, TEXT_BODY)), "hi");
    assert.equal(refusal(await read({ headers: { "content-type": "application/json" }, body: { string: "{}" } }, TEXT_BODY)).status, 415);
    const bytes = new Uint8Array([0, 0xff, 0x80, 10]);
    const got = value(await read({ headers: { "content-type": "image/png" }, body: { bytes } }, BINARY_BODY));
    assert.ok(got instanceof Uint8Array);
    assert.deepEqual([...got], [...bytes]);
  });
});
