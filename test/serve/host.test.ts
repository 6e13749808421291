/**
 * The local stand-in for the Functions host, over real HTTP on 127.0.0.1: routing, the function key, size limits,
 * and what a function receives (real @azure/functions HttpRequest and InvocationContext objects).
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { request as httpRequest, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import pkg from "@azure/functions";
import type { HttpHandler, HttpRequest, InvocationContext } from "@azure/functions";
import { createLocalHost } from "../../scripts/serve/host.js";
import { registerOperations, type HttpRegistration } from "../../src/runtime/register.js";
import { bindingOf, operation } from "../runtime/harness.js";

const { HttpRequest: AzureHttpRequest, InvocationContext: AzureInvocationContext } = pkg;

const KEY = "host-test-key-0123456789abcdefghijklmnop";
const MAX_BODY = 2048;

interface Seen {
  request: HttpRequest;
  context: InvocationContext;
  body: string;
}

describe("the local host", () => {
  const seen: Seen[] = [];
  const logs: string[] = [];
  let server: Server;
  let base: string;

  before(async () => {
    const echo = bindingOf(
      operation({ operationId: "EchoThing", method: "POST", route: "things/{id}", body: { name: "body", required: false, consumes: ["application/json"], encoding: "json" } }),
      { body: { type: "object" }, responses: { "200": { type: "object" } } },
      async (request: { path: unknown; body: unknown }) => ({ status: 200, body: { path: request.path, body: request.body ?? null } }),
    );
    const list = bindingOf(operation({ operationId: "ListThings", route: "things" }), { responses: { "200": { type: "object" } } }, async () => ({ status: 200, body: {} }));
    const registrations = registerOperations(() => {}, [echo, list], { maxBodyBytes: MAX_BODY, responseValidation: "enforce" });
    const raw: HttpHandler = async (request, context) => {
      seen.push({ request, context, body: await request.text() });
      context.log("raw handler ran");
      return { status: 202, headers: { "x-seen": String(seen.length) }, body: "accepted" };
    };
    const rawRegistration: HttpRegistration = {
      name: "Raw",
      binding: list,
      options: { route: "raw/{name}", methods: ["GET", "PUT"], authLevel: "function", handler: raw },
    };
    const open: HttpRegistration = { name: "Health", binding: list, options: { route: "health", methods: ["GET"], authLevel: "anonymous", handler: async () => ({ status: 200, body: "ok" }) } };
    const leaky: HttpRegistration = {
      name: "Leaky",
      binding: list,
      options: {
        route: "leaky",
        methods: ["GET"],
        authLevel: "function",
        handler: async (request, context) => {
          context.log(`url ${request.url}`, `authorization ${request.headers.get("authorization")}`, `key ${request.headers.get("x-functions-key")}`);
          return { status: 204 };
        },
      },
    };
    server = createLocalHost({ registrations: [...registrations, rawRegistration, open, leaky], routePrefix: "api", functionKey: KEY, maxBodyBytes: MAX_BODY, log: (line) => logs.push(line) });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test("the function key: header or ?code=, the header winning; 401 problem without it", async () => {
    const url = `${base}/raw/a`;
    assert.equal((await fetch(url, { headers: { "x-functions-key": KEY } })).status, 202);
    assert.equal((await fetch(`${url}?code=${encodeURIComponent(KEY)}`)).status, 202);
    assert.equal((await fetch(`${url}?code=wrong`, { headers: { "x-functions-key": KEY } })).status, 202, "a right header with a wrong code passes");
    const wrongHeader = await fetch(`${url}?code=${encodeURIComponent(KEY)}`, { headers: { "x-functions-key": "wrong" } });
    assert.equal(wrongHeader.status, 401, "a wrong header is not rescued by a right code");
    const none = await fetch(url);
    assert.equal(none.status, 401);
    assert.equal(none.headers.get("content-type"), "application/problem+json");
    const problem = (await none.json()) as Record<string, unknown>;
    assert.equal(problem["title"], "Unauthorized");
    assert.match(String(problem["detail"]), /x-functions-key header \(or the code query parameter\)/);
    assert.equal((await fetch(url, { headers: { "x-functions-key": `${KEY}x` } })).status, 401);
    assert.equal((await fetch(`${base}/health`)).status, 200, "authLevel anonymous needs no key");
    assert.ok(logs.some((line) => line.includes("?code=***")), "the key in a URL is not logged");
    assert.ok(!logs.some((line) => line.includes(encodeURIComponent(KEY))));
  });

  test("no secret reaches the log: every code value, the key header, bearer tokens, and the key wherever a function logs it", async () => {
    logs.length = 0;
    const secretToken = "eyJhbGciOiJSUzI1NiJ9.secret-payload.signature";
    // A wrong code first and the right one second: the host reads the first (401), the log must hide both.
    await fetch(`${base}/raw/a?code=wrong&code=${encodeURIComponent(KEY)}`);
    await fetch(`${base}/raw/a?CODE=${encodeURIComponent(KEY)}&%63ode=${encodeURIComponent(KEY)}&tag=kept`, { headers: { "x-functions-key": KEY } });
    await fetch(`${base}/raw/a?code=${encodeURIComponent(KEY)}`, { headers: { authorization: `Bearer ${secretToken}` } });
    const text = logs.join("\n");
    assert.match(text, /GET \/api\/raw\/a\?code=\*\*\*&code=\*\*\* 401 /);
    assert.match(text, /GET \/api\/raw\/a\?CODE=\*\*\*&%63ode=\*\*\*&tag=kept 202 /, "names are matched as the host decodes them");
    for (const secret of [KEY, encodeURIComponent(KEY), secretToken]) assert.ok(!text.includes(secret), `the log holds ${secret}:\n${text}`);
  });

  test("an empty or blank function key is refused: it would let every caller in", () => {
    for (const functionKey of ["", " \t"]) {
      assert.throws(() => createLocalHost({ registrations: [], routePrefix: "api", functionKey, maxBodyBytes: MAX_BODY }), /needs a function key/);
    }
  });

  test("a function that logs its request's URL and headers does not put the key or a token in the log", async () => {
    logs.length = 0;
    const secretToken = "eyJhbGciOiJSUzI1NiJ9.another-payload.signature";
    await fetch(`${base}/leaky?code=${encodeURIComponent(KEY)}`, { headers: { authorization: `Bearer ${secretToken}`, "x-functions-key": KEY } });
    const text = logs.join("\n");
    assert.match(text, /\[information\] Leaky .*url http:\/\/127\.0\.0\.1:\d+\/api\/leaky\?code=\*\*\*/);
    assert.match(text, /authorization Bearer \*\*\*/);
    for (const secret of [KEY, encodeURIComponent(KEY), secretToken]) assert.ok(!text.includes(secret), `the log holds ${secret}:\n${text}`);
  });

  test("404 for an unknown route, 405 with Allow, both problem+json", async () => {
    const missing = await fetch(`${base}/nothing`, { headers: { "x-functions-key": KEY } });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get("content-type"), "application/problem+json");
    assert.equal((await fetch(`${base.replace(/\/api$/, "")}/raw/a`, { headers: { "x-functions-key": KEY } })).status, 404, "outside the route prefix");
    const wrong = await fetch(`${base}/things`, { method: "DELETE", headers: { "x-functions-key": KEY } });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get("allow"), "GET");
    assert.match(String(((await wrong.json()) as Record<string, unknown>)["detail"]), /DELETE is not allowed on \/api\/things; use GET/);
  });

  test("a function gets a real HttpRequest (URL, route params, headers, body, query as Azure fills it) and a fresh InvocationContext", async () => {
    seen.length = 0;
    const one = await fetch(`${base}/RAW/J%C3%BCrgen?tag=a&tag=b&single=1`, { method: "PUT", headers: { "x-functions-key": KEY, "x-custom": "kept" }, body: "hello" });
    assert.equal(one.status, 202);
    assert.equal(await one.text(), "accepted");
    assert.equal(one.headers.get("x-seen"), "1");
    await fetch(`${base}/raw/b`, { headers: { "x-functions-key": KEY } });
    const [first, second] = seen;
    assert.ok(first && second);
    assert.ok(first.request instanceof AzureHttpRequest);
    assert.ok(first.context instanceof AzureInvocationContext);
    assert.equal(first.request.method, "PUT");
    assert.equal(first.request.params["name"], "Jürgen");
    assert.equal(first.request.headers.get("x-custom"), "kept");
    assert.equal(first.body, "hello");
    assert.match(first.request.url, /^http:\/\/127\.0\.0\.1:\d+\/api\/RAW\/J%C3%BCrgen\?tag=a&tag=b&single=1$/);
    assert.deepEqual(first.request.query.getAll("tag"), ["a,b"], "repeated names joined, as the Functions host does");
    assert.equal(first.context.functionName, "Raw");
    assert.match(first.context.invocationId, /^[0-9a-f-]{36}$/);
    assert.notEqual(first.context.invocationId, second.context.invocationId);
    assert.equal(second.body, "");
    assert.ok(logs.some((line) => line.includes(`[information] Raw (${first.context.invocationId}): raw handler ran`)));
  });

  test("a Host header that cannot make a URL: 400, not a crash", async () => {
    const answer = await rawRequest(base, "GET /api/raw/a HTTP/1.1\r\nHost: bad host:x\r\nx-functions-key: " + KEY + "\r\nConnection: close\r\n\r\n");
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.match(answer, /not a valid URL/);
  });

  test("the typed pipeline behind it: path parameters from the route, JSON body", async () => {
    const answer = await fetch(`${base}/things/x%2Fy`, { method: "POST", headers: { "x-functions-key": KEY, "content-type": "application/json" }, body: JSON.stringify({ a: 1 }) });
    assert.equal(answer.status, 200);
    assert.deepEqual(await answer.json(), { path: {}, body: { a: 1 } });
  });

  test("413 from the declared length before reading, and from the bytes of a chunked body", async () => {
    const declared = await fetch(`${base}/things/1`, { method: "POST", headers: { "x-functions-key": KEY, "content-type": "application/json" }, body: "x".repeat(MAX_BODY + 1) });
    assert.equal(declared.status, 413);
    assert.match(String(((await declared.json()) as Record<string, unknown>)["detail"]), new RegExp(`larger than the ${MAX_BODY} bytes`));
    const chunked = await chunkedPost(`${base}/things/1`, ["{", "\"a\":\"", "y".repeat(MAX_BODY), "\"}"]);
    assert.equal(chunked.status, 413);
    const small = await chunkedPost(`${base}/things/1`, ['{"a":', "2}"]);
    assert.equal(small.status, 200, "a chunked body within the limit is read whole");
    assert.deepEqual(JSON.parse(small.body), { path: {}, body: { a: 2 } });
  });
});

/** Bytes as written, for requests fetch would refuse to send. */
function rawRequest(base: string, text: string): Promise<string> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => socket.end(text));
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

/** A POST without Content-Length (Transfer-Encoding: chunked), one write per chunk. */
function chunkedPost(url: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers: { "x-functions-key": KEY, "content-type": "application/json" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}
