import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { RouteTable } from "../../scripts/serve/routes.js";

const table = new RouteTable("api", [
  { template: "workorders", methods: ["GET", "POST"], target: "collection" },
  { template: "workorders/{workOrderId}", methods: ["GET", "PATCH", "DELETE"], target: "item" },
  { template: "workorders/summary", methods: ["GET"], target: "summary" },
  { template: "items/{id:int}", methods: ["GET"], target: "int" },
  { template: "items/{slug}", methods: ["GET"], target: "slug" },
  { template: "files/{*rest}", methods: ["GET"], target: "files" },
  { template: "reports/{year?}", methods: ["GET"], target: "reports" },
]);

describe("routes as the Functions host matches them", () => {
  test("under the route prefix, literals case-insensitive, parameters decoded", () => {
    assert.deepEqual(table.match("GET", "/api/workorders"), { kind: "found", target: "collection", params: {} });
    assert.deepEqual(table.match("GET", "/API/WorkOrders/"), { kind: "found", target: "collection", params: {} });
    assert.deepEqual(table.match("GET", "/api/workorders/a%20b%2Fc"), { kind: "found", target: "item", params: { workOrderId: "a b/c" } });
    assert.deepEqual(table.match("GET", "/workorders"), { kind: "not-found" }, "the prefix is required");
    assert.deepEqual(table.match("GET", "/api/workorders/1/extra"), { kind: "not-found" });
  });

  test("a literal segment outranks a parameter; a constrained parameter outranks a plain one", () => {
    assert.equal(matchTarget("GET", "/api/workorders/summary"), "summary");
    assert.equal(matchTarget("GET", "/api/workorders/other"), "item");
    assert.equal(matchTarget("GET", "/api/items/42"), "int");
    assert.equal(matchTarget("GET", "/api/items/forty-two"), "slug");
  });

  test("catch-all and optional parameters", () => {
    assert.deepEqual(table.match("GET", "/api/files/a/b/c.txt"), { kind: "found", target: "files", params: { rest: "a/b/c.txt" } });
    assert.deepEqual(table.match("GET", "/api/reports"), { kind: "found", target: "reports", params: {} });
    assert.deepEqual(table.match("GET", "/api/reports/2026"), { kind: "found", target: "reports", params: { year: "2026" } });
  });

  test("a path that exists with another method: 405 with every allowed method", () => {
    assert.deepEqual(table.match("PUT", "/api/workorders"), { kind: "method-not-allowed", allow: ["GET", "POST"] });
    assert.deepEqual(table.match("POST", "/api/workorders/7"), { kind: "method-not-allowed", allow: ["DELETE", "GET", "PATCH"] });
  });

  test("an empty route prefix serves from the root", () => {
    const root = new RouteTable("", [{ template: "ping", methods: ["GET"], target: "ping" }]);
    assert.equal(root.match("GET", "/ping").kind, "found");
  });
});

function matchTarget(method: string, path: string): string | undefined {
  const match = table.match(method, path);
  return match.kind === "found" ? match.target : undefined;
}
