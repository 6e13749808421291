/**
 * The adapter between @azure/functions and typed handlers: coerce → validate → handler → validate response → send,
 * with hand-built operations and validators compiled in the test, called with real HttpRequest objects.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { notImplemented } from "../../src/runtime/errors.js";
import type { HandlerContext, ProblemFieldError } from "../../src/runtime/handler.js";
import { adapt, bindingOf, invoke, jsonBody, operation } from "./harness.js";

const URL_BASE = "http://127.0.0.1:7071/api";

type Seen = { path: Record<string, unknown>; query: Record<string, unknown>; headers: Record<string, unknown>; body: unknown };

/** An operation with one parameter of each kind the coercion cares about; the handler echoes what it got. */
function echoOperation() {
  let seen: Seen | undefined;
  const binding = bindingOf(
    operation({
      operationId: "Echo",
      route: "things/{id}",
      path: "/things/{id}",
      parameters: [
        { name: "id", in: "path", key: "id", type: "integer", required: true },
        { name: "limit", in: "query", key: "limit", type: "integer", required: false, default: 25 },
        { name: "ratio", in: "query", key: "ratio", type: "number", required: false },
        { name: "active", in: "query", key: "active", type: "boolean", required: false },
        { name: "tags", in: "query", key: "tags", type: "array", itemType: "string", required: false },
        { name: "sizes", in: "query", key: "sizes", type: "array", itemType: "integer", collectionFormat: "ssv", required: false },
        { name: "cells", in: "query", key: "cells", type: "array", itemType: "string", collectionFormat: "tsv", required: false },
        { name: "flags", in: "query", key: "flags", type: "array", itemType: "boolean", collectionFormat: "pipes", required: false },
        { name: "ids", in: "query", key: "ids", type: "array", itemType: "integer", collectionFormat: "multi", required: false },
        { name: "api-version", in: "query", key: "api-version", type: "string", required: true, default: "2024-01-01" },
        { name: "X-Trace-Ids", in: "header", key: "x-trace-ids", type: "array", itemType: "integer", collectionFormat: "csv", required: false },
      ],
    }),
    {
      path: { id: { type: "integer", minimum: 1 } },
      query: {
        limit: { type: "integer", minimum: 1, maximum: 100 },
        ratio: { type: "number" },
        active: { type: "boolean" },
        tags: { type: "array", items: { type: "string" } },
        sizes: { type: "array", items: { type: "integer" } },
        cells: { type: "array", items: { type: "string" } },
        flags: { type: "array", items: { type: "boolean" } },
        ids: { type: "array", items: { type: "integer" } },
        "api-version": { type: "string", enum: ["2024-01-01"] },
      },
      headers: { "x-trace-ids": { type: "array", items: { type: "integer" } } },
      required: { path: ["id"], query: ["api-version"] },
      responses: { "200": { type: "object" } },
    },
    async (request: Seen) => {
      seen = request;
      return { status: 200, body: {} };
    },
  );
  return { handler: adapt(binding), seen: () => seen };
}

describe("coercion: the handler gets typed values", () => {
  test("path, query and header values by their declared types and collection formats; defaults, internal ones too", async () => {
    const echo = echoOperation();
    const query = "ratio=0.25&active=TRUE&tags=a,b,c&sizes=1%202%203&cells=x%09y&flags=true|false&ids=7&ids=8&ids=9";
    const answer = await invoke(echo.handler, {
      url: `${URL_BASE}/things/42?${query}`,
      params: { id: "42" },
      headers: { "x-trace-ids": "5,6" },
    });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(echo.seen(), {
      path: { id: 42 },
      query: {
        limit: 25,
        ratio: 0.25,
        active: true,
        tags: ["a", "b", "c"],
        sizes: [1, 2, 3],
        cells: ["x", "y"],
        flags: [true, false],
        ids: [7, 8, 9],
        "api-version": "2024-01-01",
      },
      headers: { "x-trace-ids": [5, 6] },
      body: undefined,
    });
  });

  test("multi lists come from the URL, so they survive the host joining repeated names (as Azure does)", async () => {
    const echo = echoOperation();
    // The Functions host hands the worker request.query with repeated names joined by commas.
    const answer = await invoke(echo.handler, { url: `${URL_BASE}/things/1?ids=1&ids=2`, params: { id: "1" }, query: { ids: "1,2" } });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(echo.seen()?.query["ids"], [1, 2]);
  });

  test("a csv parameter sent twice is one list; an empty csv value is an empty list", async () => {
    const echo = echoOperation();
    await invoke(echo.handler, { url: `${URL_BASE}/things/1?tags=a,b&tags=c&sizes=`, params: { id: "1" } });
    assert.deepEqual(echo.seen()?.query["tags"], ["a", "b", "c"]);
    assert.deepEqual(echo.seen()?.query["sizes"], []);
  });

  test("a default array is a fresh copy for each request", async () => {
    const defaults = ["x"];
    let seen: string[] | undefined;
    const handler = adapt(
      bindingOf(
        operation({ operationId: "Defaults", parameters: [{ name: "tags", in: "query", key: "tags", type: "array", itemType: "string", required: false, default: defaults }] }),
        { query: { tags: { type: "array" } }, responses: { "200": { type: "object" } } },
        async (request: { query: { tags: string[] } }) => {
          request.query.tags.push("changed by a handler");
          seen = request.query.tags;
          return { status: 200, body: {} };
        },
      ),
    );
    await invoke(handler, { url: `${URL_BASE}/things` });
    await invoke(handler, { url: `${URL_BASE}/things` });
    assert.deepEqual(seen, ["x", "changed by a handler"]);
    assert.deepEqual(defaults, ["x"]);
  });
});

describe("400: invalid input is refused before the handler runs, one entry per bad field", () => {
  test("path, query and header values that are not what the contract says", async () => {
    const echo = echoOperation();
    const answer = await invoke(echo.handler, {
      url: `${URL_BASE}/things/0?limit=many&active=yes&ids=1&ids=two&api-version=1999`,
      params: { id: "0" },
      headers: { "x-trace-ids": "5,six" },
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.headers.get("content-type"), "application/problem+json");
    assert.equal(echo.seen(), undefined, "the handler did not run");
    assert.equal(answer.json?.["type"], "about:blank");
    assert.equal(answer.json?.["title"], "Bad Request");
    assert.equal(answer.json?.["status"], 400);
    assert.match(String(answer.json?.["detail"]), /6 inputs are not valid for Echo/);
    const errors = answer.json?.["errors"] as ProblemFieldError[];
    const byName = Object.fromEntries(errors.map((e) => [`${e.in}:${e.name}`, e.message]));
    assert.deepEqual(Object.keys(byName).sort(), ["header:x-trace-ids", "path:id", "query:active", "query:api-version", "query:ids", "query:limit"]);
    assert.equal(byName["path:id"], "must be at least 1");
    assert.equal(byName["query:limit"], "must be an integer");
    assert.equal(byName["query:active"], "must be a boolean");
    assert.equal(byName["query:api-version"], 'must be one of: "2024-01-01"');
    assert.equal(byName["query:ids"], "must be an integer (item 1)");
    assert.equal(byName["header:x-trace-ids"], "must be an integer (item 1)");
  });

  test("a required parameter that is missing is named", async () => {
    const handler = adapt(
      bindingOf(
        operation({ operationId: "NeedsHeader", parameters: [{ name: "X-Tenant", in: "header", key: "x-tenant", type: "string", required: true }] }),
        { headers: { "x-tenant": { type: "string" } }, required: { headers: ["x-tenant"] }, responses: { "200": { type: "object" } } },
        async () => ({ status: 200, body: {} }),
      ),
    );
    const answer = await invoke(handler, { url: `${URL_BASE}/things` });
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.json?.["errors"], [{ in: "header", name: "x-tenant", message: "is required" }]);
    assert.match(String(answer.json?.["detail"]), /^1 input is not valid/);
  });

  const createThing = () =>
    adapt(
      bindingOf(
        operation({ operationId: "CreateThing", method: "POST", body: { name: "body", required: true, consumes: ["application/json"], encoding: "json" }, responses: [{ status: "201", hasSchema: true }] }),
        {
          body: {
            type: "object",
            required: ["name", "parts"],
            properties: {
              name: { type: "string", minLength: 1 },
              when: { type: "string", format: "date-time" },
              parts: { type: "array", items: { type: "object", required: ["qty"], properties: { qty: { type: "integer", minimum: 1 } } } },
              "a/b": { type: "string" },
            },
          },
          bodyRequired: true,
          responses: { "201": { type: "object" } },
        },
        async (request: { body: unknown }) => ({ status: 201, body: request.body }),
      ),
    );

  test("body fields are named by JSON pointer, with why in plain words", async () => {
    const answer = await invoke(createThing(), {
      method: "POST",
      url: `${URL_BASE}/things`,
      headers: { "content-type": "application/json" },
      body: jsonBody({ when: "tomorrow", parts: [{ qty: 1 }, { qty: 0 }, {}], "a/b": 5 }),
    });
    assert.equal(answer.status, 400);
    assert.deepEqual(
      (answer.json?.["errors"] as ProblemFieldError[]).map((e) => [e.in, e.pointer, e.message]).sort(),
      [
        ["body", "/a~1b", "must be a string"],
        ["body", "/name", "is required"],
        ["body", "/parts/1/qty", "must be at least 1"],
        ["body", "/parts/2/qty", "is required"],
        ["body", "/when", "must be a valid date-time"],
      ],
    );
  });

  test("a required body that is missing, and a body of the wrong type", async () => {
    const missing = await invoke(createThing(), { method: "POST", url: `${URL_BASE}/things` });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.json?.["errors"], [{ in: "body", name: "", pointer: "", message: "is required" }]);
    const array = await invoke(createThing(), { method: "POST", url: `${URL_BASE}/things`, headers: { "content-type": "application/json" }, body: jsonBody([1]) });
    assert.deepEqual(array.json?.["errors"], [{ in: "body", name: "", pointer: "", message: "must be an object" }]);
  });

  test("malformed JSON: 400 naming the line and column", async () => {
    const answer = await invoke(createThing(), {
      method: "POST",
      url: `${URL_BASE}/things`,
      headers: { "content-type": "application/json" },
      body: { string: '{\n  "name": "x",\n  "parts": [1,]\n}' },
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.headers.get("content-type"), "application/problem+json");
    assert.match(String(answer.json?.["detail"]), /^The request body is not valid JSON: a trailing comma before .\]. at line 3, column 15\.$/);
  });

  test("bytes that are not UTF-8: 400", async () => {
    const answer = await invoke(createThing(), {
      method: "POST",
      url: `${URL_BASE}/things`,
      headers: { "content-type": "application/json" },
      body: { bytes: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) },
    });
    assert.equal(answer.status, 400);
    assert.match(String(answer.json?.["detail"]), /not valid UTF-8/);
  });

  test("415 for a media type the operation does not consume, naming the ones it does", async () => {
    const answer = await invoke(createThing(), { method: "POST", url: `${URL_BASE}/things`, headers: { "content-type": "text/plain" }, body: { string: "name=x" } });
    assert.equal(answer.status, 415);
    assert.equal(answer.json?.["title"], "Unsupported Media Type");
    assert.match(String(answer.json?.["detail"]), /text\/plain is not accepted here; send application\/json/);
    const charset = await invoke(createThing(), {
      method: "POST",
      url: `${URL_BASE}/things`,
      headers: { "content-type": "application/json; charset=utf-8" },
      body: jsonBody({ name: "x", parts: [] }),
    });
    assert.equal(charset.status, 201, "parameters of the media type do not matter");
  });

  test("413 by Content-Length before reading, and by the bytes actually sent", async () => {
    const declared = await invoke(createThing(), {
      method: "POST",
      url: `${URL_BASE}/things`,
      headers: { "content-type": "application/json", "content-length": "5000" },
      body: jsonBody({ name: "x", parts: [] }),
    });
    assert.equal(declared.status, 413);
    assert.match(String(declared.json?.["detail"]), /larger than the 1024 bytes/);
    const actual = await invoke(createThing(), {
      method: "POST",
      url: `${URL_BASE}/things`,
      headers: { "content-type": "application/json" },
      body: jsonBody({ name: "x".repeat(2000), parts: [] }),
    });
    assert.equal(actual.status, 413);
  });
});

describe("form bodies", () => {
  const upload = (seen: { body?: Record<string, unknown> }) =>
    adapt(
      bindingOf(
        operation({
          operationId: "Upload",
          method: "POST",
          body: { name: "form", required: true, consumes: ["multipart/form-data", "application/x-www-form-urlencoded"], encoding: "form" },
          parameters: [
            { name: "title", in: "formData", key: "title", type: "string", required: true },
            { name: "copies", in: "formData", key: "copies", type: "integer", required: false, default: 1 },
            { name: "labels", in: "formData", key: "labels", type: "array", itemType: "string", collectionFormat: "multi", required: false },
            { name: "file", in: "formData", key: "file", type: "file", required: false },
          ],
          responses: [{ status: "200", hasSchema: true }],
        }),
        {
          body: { type: "object", required: ["title"], properties: { title: { type: "string" }, copies: { type: "integer", maximum: 10 }, labels: { type: "array" } } },
          bodyRequired: true,
          responses: { "200": { type: "object" } },
        },
        async (request: { body: Record<string, unknown> }) => {
          seen.body = request.body;
          return { status: 200, body: {} };
        },
      ),
      { maxBodyBytes: 64 * 1024 },
    );

  test("urlencoded fields are coerced like parameters, with defaults and multi", async () => {
    const seen: { body?: Record<string, unknown> } = {};
    const answer = await invoke(upload(seen), {
      method: "POST",
      url: `${URL_BASE}/things`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: { string: "title=Boiler+report&labels=a&labels=b" },
    });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(seen.body, { title: "Boiler report", copies: 1, labels: ["a", "b"] });
  });

  test("multipart fields and a file", async () => {
    const seen: { body?: Record<string, unknown> } = {};
    const form = new FormData();
    form.append("title", "Photos");
    form.append("copies", "3");
    form.append("file", new Blob([new Uint8Array([1, 2, 3])], { type: "image/png" }), "site.png");
    const encoded = new Request("http://x", { method: "POST", body: form });
    const answer = await invoke(upload(seen), {
      method: "POST",
      url: `${URL_BASE}/things`,
      headers: { "content-type": encoded.headers.get("content-type") ?? "" },
      body: { bytes: new Uint8Array(await encoded.arrayBuffer()) },
    });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(seen.body?.["title"], "Photos");
    assert.equal(seen.body?.["copies"], 3);
    const file = seen.body?.["file"];
    assert.ok(file instanceof Blob);
    assert.deepEqual([...new Uint8Array(await file.arrayBuffer())], [1, 2, 3]);
    assert.equal((file as File).name, "site.png");
  });

  test("a bad form field is named as formData", async () => {
    const answer = await invoke(upload({}), {
      method: "POST",
      url: `${URL_BASE}/things`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: { string: "copies=99" },
    });
    assert.equal(answer.status, 400);
    assert.deepEqual((answer.json?.["errors"] as ProblemFieldError[]).map((e) => `${e.in}:${e.name}:${e.message}`).sort(), [
      "formData:copies:must be at most 10",
      "formData:title:is required",
    ]);
  });
});

describe("handler failures", () => {
  test("a thrown error: 500 with the invocation id, nothing of the error; logged with the id", async () => {
    const handler = adapt(
      bindingOf(operation({ operationId: "Explodes" }), { responses: { "200": { type: "object" } } }, async () => {
        throw new Error("connection string AccountKey=hunter2 rejected");
      }),
    );
    const answer = await invoke(handler, { url: `${URL_BASE}/things` }, "9b7c6d5e-1111-4222-8333-444455556666");
    assert.equal(answer.status, 500);
    assert.equal(answer.headers.get("content-type"), "application/problem+json");
    assert.equal(answer.json?.["invocationId"], "9b7c6d5e-1111-4222-8333-444455556666");
    assert.doesNotMatch(answer.text, /hunter2|AccountKey|\n\s+at /);
    const logged = answer.logs.find((line) => line.level === "error");
    assert.ok(logged, "the error is logged");
    assert.match(logged.text, /Explodes failed \(invocation 9b7c6d5e-1111-4222-8333-444455556666\)/);
    assert.match(logged.text, /hunter2/, "the log keeps what the body leaves out");
  });

  test("a stub not written yet: 501 naming the operation", async () => {
    const handler = adapt(bindingOf(operation({ operationId: "Later" }), { responses: { "200": { type: "object" } } }, async () => notImplemented("Later")));
    const answer = await invoke(handler, { url: `${URL_BASE}/things` });
    assert.equal(answer.status, 501);
    assert.equal(answer.json?.["title"], "Not Implemented");
    assert.match(String(answer.json?.["detail"]), /Later is not implemented yet/);
    assert.ok(answer.logs.some((line) => line.level === "warning" && line.text.includes("src/handlers/Later.ts")));
  });

  test("a handler that returns something other than { status }: 500, and the log says what it returned", async () => {
    const handler = adapt(bindingOf(operation({ operationId: "Sloppy" }), { responses: { "200": { type: "object" } } }, async () => "ok"));
    const answer = await invoke(handler, { url: `${URL_BASE}/things` });
    assert.equal(answer.status, 500);
    assert.ok(answer.logs.some((line) => line.level === "error" && /Sloppy: the handler returned string/.test(line.text)));
  });

  test("the handler gets the raw request and the invocation", async () => {
    let context: HandlerContext | undefined;
    const handler = adapt(
      bindingOf(operation({ operationId: "Raw" }), { responses: { "200": { type: "object" } } }, async (_request: unknown, c: HandlerContext) => {
        context = c;
        return { status: 200, body: {} };
      }),
    );
    const answer = await invoke(handler, { url: `${URL_BASE}/things?extra=1`, headers: { "x-custom": "kept" } });
    assert.equal(context?.request.headers.get("x-custom"), "kept");
    assert.equal(context?.invocation.invocationId, answer.invocationId);
    assert.equal(context?.caller, undefined);
  });
});

describe("responses against the contract", () => {
  const workOrderSchema = {
    type: "object",
    required: ["id", "status"],
    properties: { id: { type: "string" }, status: { type: "string", enum: ["new", "done"] } },
  };
  const withResult = (result: unknown) =>
    bindingOf(
      operation({
        operationId: "GetThing",
        responses: [
          { status: "200", hasSchema: true, contentType: "application/json", headers: [{ name: "X-Tags", type: "array", collectionFormat: "pipes" }] },
          { status: "404", hasSchema: false, contentType: "application/json" },
        ],
      }),
      { responses: { "200": workOrderSchema } },
      async () => result,
    );

  test("enforce (development and tests): a response that breaks the contract is a 500, and the log names operation, status and field", async () => {
    const answer = await invoke(adapt(withResult({ status: 200, body: { id: 7, status: "lost" } }), { responseValidation: "enforce" }), { url: `${URL_BASE}/things` });
    assert.equal(answer.status, 500);
    assert.match(String(answer.json?.["detail"]), /GetThing produced a response that does not match its contract/);
    const logged = answer.logs.find((line) => line.level === "error")?.text ?? "";
    assert.match(logged, /GetThing: the 200 response does not match the contract/);
    assert.match(logged, /body\/id must be string/);
    assert.match(logged, /body\/status must be equal to one of the allowed values/);
  });

  test("enforce: a missing required field and an undeclared status are named", async () => {
    const missing = await invoke(adapt(withResult({ status: 200, body: { id: "a" } })), { url: `${URL_BASE}/things` });
    assert.equal(missing.status, 500);
    assert.match(missing.logs.map((l) => l.text).join("\n"), /body must have required property 'status' \(status\)/);
    const undeclared = await invoke(adapt(withResult({ status: 418, body: {} })), { url: `${URL_BASE}/things` });
    assert.equal(undeclared.status, 500);
    assert.match(undeclared.logs.map((l) => l.text).join("\n"), /status 418 is not declared \(declared: 200, 404\)/);
  });

  test("log (production default): the response goes out as the handler made it, and a warning is logged", async () => {
    const answer = await invoke(adapt(withResult({ status: 200, body: { id: 7, status: "new" } }), { responseValidation: "log" }), { url: `${URL_BASE}/things` });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json, { id: 7, status: "new" });
    assert.ok(answer.logs.some((line) => line.level === "warning" && /GetThing: the 200 response does not match the contract: body\/id must be string/.test(line.text)));
  });

  test("off: nothing is checked", async () => {
    const answer = await invoke(adapt(withResult({ status: 200, body: { id: 7 } }), { responseValidation: "off" }), { url: `${URL_BASE}/things` });
    assert.equal(answer.status, 200);
    assert.equal(answer.logs.length, 0);
  });

  test("a valid response: JSON, its headers (arrays joined by their collection format); a problem for a schema-less error", async () => {
    const ok = await invoke(adapt(withResult({ status: 200, body: { id: "a", status: "new" }, headers: { "X-Tags": ["x", "y"], "X-Absent": undefined } })), { url: `${URL_BASE}/things` });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("content-type"), "application/json");
    assert.equal(ok.headers.get("x-tags"), "x|y");
    assert.equal(ok.headers.has("x-absent"), false);
    const notFound = await invoke(adapt(withResult({ status: 404, body: { type: "about:blank", title: "Not Found", status: 404, detail: "none" } })), { url: `${URL_BASE}/things` });
    assert.equal(notFound.status, 404);
    assert.equal(notFound.headers.get("content-type"), "application/problem+json");
    const noBody = await invoke(adapt(withResult({ status: 404 })), { url: `${URL_BASE}/things` });
    assert.equal(noBody.status, 404);
    assert.equal(noBody.text, "");
  });

  test("a problem for an error the spec gives a schema is problem+json too, and checked against that schema", async () => {
    const problemSchema = { type: "object", required: ["type", "title", "status"], properties: { status: { type: "integer" }, title: { type: "string" } } };
    const declared = (result: unknown) =>
      bindingOf(
        operation({ operationId: "GetThing", responses: [{ status: "412", hasSchema: true, contentType: "application/json" }] }),
        { responses: { "412": problemSchema } },
        async () => result,
      );
    const stale = await invoke(adapt(declared({ status: 412, body: { type: "about:blank", title: "Precondition Failed", status: 412 } })), { url: `${URL_BASE}/things` });
    assert.equal(stale.status, 412);
    assert.equal(stale.headers.get("content-type"), "application/problem+json");
    const broken = await invoke(adapt(declared({ status: 412, body: { type: "about:blank", title: "Precondition Failed", status: "412" } })), { url: `${URL_BASE}/things` });
    assert.equal(broken.status, 500, "a problem body that breaks its schema is caught like any other response");
  });

  test("binary responses go out as bytes with the declared content type", async () => {
    const binding = bindingOf(
      operation({ operationId: "Download", responses: [{ status: "200", hasSchema: true, binary: true, contentType: "image/png" }] }),
      {},
      async () => ({ status: 200, body: new Uint8Array([137, 80, 78, 71]) }),
    );
    const answer = await invoke(adapt(binding), { url: `${URL_BASE}/things` });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get("content-type"), "image/png");
    const wrong = await invoke(
      adapt(bindingOf(operation({ operationId: "Download", responses: [{ status: "200", hasSchema: true, binary: true }] }), {}, async () => ({ status: 200, body: { not: "bytes" } }))),
      { url: `${URL_BASE}/things` },
    );
    assert.equal(wrong.status, 500);
  });
});
