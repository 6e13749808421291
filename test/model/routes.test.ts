import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { findAmbiguousRoutes, routeProblems, routeShape, toRoute, type RoutedOperation } from "../../scripts/model/routes.js";

describe("toRoute", () => {
  const cases: [string, string][] = [
    ["/workorders", "workorders"],
    ["/workorders/{workOrderId}", "workorders/{workOrderId}"],
    ["/items/{id}/", "items/{id}"],
    ["/items?op=list", "items"],
    ["//double//slash", "double/slash"],
    ["/", ""],
  ];
  for (const [given, want] of cases) test(`${given} → ${JSON.stringify(want)}`, () => assert.equal(toRoute(given), want));
});

describe("routeShape", () => {
  test("ignores parameter names and literal case", () => {
    assert.equal(routeShape("Items/{id}/Notes"), routeShape("items/{itemId}/notes"));
    assert.notEqual(routeShape("items/{id}/notes"), routeShape("items/{id}/tags"));
  });
});

describe("findAmbiguousRoutes", () => {
  const op = (name: string, method: RoutedOperation["method"], path: string): RoutedOperation => ({
    name,
    method,
    path,
    route: toRoute(path),
    location: ["paths", path, method.toLowerCase()],
  });
  const cases: { name: string; operations: RoutedOperation[]; ambiguous: string[] }[] = [
    { name: "distinct routes", operations: [op("A", "GET", "/a"), op("B", "GET", "/b")], ambiguous: [] },
    { name: "same route, other method", operations: [op("A", "GET", "/a/{id}"), op("B", "DELETE", "/a/{id}")], ambiguous: [] },
    { name: "differ only in case", operations: [op("A", "GET", "/Items"), op("B", "GET", "/items")], ambiguous: ["A", "B"] },
    { name: "differ only in parameter names", operations: [op("A", "GET", "/items/{id}"), op("B", "GET", "/items/{name}")], ambiguous: ["A", "B"] },
    { name: "differ only in query string", operations: [op("A", "POST", "/run?op=a"), op("B", "POST", "/run?op=b")], ambiguous: ["A", "B"] },
    { name: "literal beside parameter is not ambiguous", operations: [op("A", "GET", "/items/{id}"), op("B", "GET", "/items/count")], ambiguous: [] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const diagnostics = findAmbiguousRoutes(c.operations, "spec.yaml");
      assert.deepEqual(diagnostics.map((d) => d.message.split(":")[0]), c.ambiguous);
      for (const d of diagnostics) {
        assert.equal(d.code, "conduit-ambiguous-route");
        assert.equal(d.source, "spec.yaml");
        assert.equal(d.path[0], "paths");
      }
    });
  }
});

describe("routeProblems", () => {
  const cases: [string, RegExp | undefined][] = [
    ["workorders/{id}", undefined],
    ["books/{book id}", undefined],
    ["", /API root/],
    ["admin/users", /reserved by the Azure Functions host/],
    ["Runtime/webhooks", /reserved/],
    ["items/{id:int}", /rename it/],
  ];
  for (const [route, want] of cases) {
    test(JSON.stringify(route), () => {
      const problems = routeProblems(route);
      if (want === undefined) assert.deepEqual(problems, []);
      else assert.match(problems.join("\n"), want);
    });
  }
});
