import { describe, test } from "node:test";
import assert from "node:assert/strict";
import pkg from "@azure/functions";
import type { HttpFunctionOptions } from "@azure/functions";
import { registerOperations } from "../../src/runtime/register.js";
import { adapt, bindingOf, invoke, operation } from "./harness.js";

const { app } = pkg;

describe("registerOperations", () => {
  const bindings = [
    bindingOf(operation({ operationId: "List Things", name: "ListThings", route: "things" }), { responses: { "200": { type: "object" } } }, async () => ({ status: 200, body: {} })),
    bindingOf(operation({ operationId: "DeleteThing", method: "DELETE", route: "things/{id}", responses: [{ status: "204", hasSchema: false }] }), {}, async () => ({ status: 204 })),
  ];

  test("one app.http function per operation: its name, route, one method and authLevel function", () => {
    const seen: [string, HttpFunctionOptions][] = [];
    const registrations = registerOperations((name, options) => seen.push([name, options]), bindings, { maxBodyBytes: 1024, responseValidation: "enforce" });
    assert.deepEqual(
      seen.map(([name, options]) => [name, options.route, options.methods, options.authLevel, typeof options.handler]),
      [
        ["ListThings", "things", ["GET"], "function", "function"],
        ["DeleteThing", "things/{id}", ["DELETE"], "function", "function"],
      ],
    );
    assert.deepEqual(registrations.map((r) => r.name), ["ListThings", "DeleteThing"]);
    assert.equal(registrations[0]?.options.handler, seen[0]?.[1].handler, "the recorded registration is the one app.http got");
    assert.equal(registrations[1]?.binding, bindings[1]);
  });

  test("the real app.http accepts them (test mode outside the host), and the recorded handler serves", async () => {
    const registrations = registerOperations((name, options) => app.http(name, options), bindings, { maxBodyBytes: 1024, responseValidation: "enforce" });
    const answer = await invoke(registrations[1]!.options.handler, { method: "DELETE", url: "http://127.0.0.1/api/things/1", params: { id: "1" } });
    assert.equal(answer.status, 204);
    // The same binding adapted directly answers the same: registration adds nothing per request.
    assert.equal((await invoke(adapt(bindings[1]!), { method: "DELETE", url: "http://127.0.0.1/api/things/1" })).status, 204);
  });
});
