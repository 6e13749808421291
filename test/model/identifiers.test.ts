import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assignNames, pathWords, toIdentifier } from "../../scripts/model/identifiers.js";

describe("toIdentifier", () => {
  const cases: [string, string][] = [
    ["GetWorkOrder", "GetWorkOrder"],
    ["Playlist-enable", "PlaylistEnable"],
    ["Gists_list-public", "Gists_listPublic"],
    ["get.items list", "getItemsList"],
    ["2fa-verify", "Op2faVerify"],
    ["delete", "deleteOperation"],
    ["Promise", "PromiseOperation"],
    ["operations", "operationsOperation"],
    ["Zvanu_sarakstsĀ", "Zvanu_saraksts"],
    ["---", "Operation"],
  ];
  for (const [raw, want] of cases) {
    test(`${JSON.stringify(raw)} → ${want}`, () => assert.equal(toIdentifier(raw), want));
  }
});

describe("pathWords", () => {
  const cases: [string, string][] = [
    ["/workorders/{workOrderId}", "WorkordersByWorkOrderId"],
    ["/api/v1/playlist.enable", "ApiV1PlaylistEnable"],
    ["/items?op=list", "Items"],
    ["/", ""],
  ];
  for (const [raw, want] of cases) test(`${raw} → ${want}`, () => assert.equal(pathWords(raw), want));
});

describe("assignNames", () => {
  test("usable operationIds keep their name; sanitized ones that collide get suffixes", () => {
    const names = assignNames([
      { raw: "get-item", tieBreak: "/b get" },
      { raw: "GetItem", tieBreak: "/a get" },
      { raw: "get.item", tieBreak: "/c get" },
    ]);
    assert.deepEqual(names, ["getItem2", "GetItem", "getItem3"]);
  });

  test("names are unique case-insensitively (they are file names)", () => {
    const names = assignNames([{ raw: "listItems", tieBreak: "" }, { raw: "ListItems", tieBreak: "" }]);
    assert.deepEqual(names, ["listItems2", "ListItems"]);
    assert.equal(new Set(names.map((n) => n.toLowerCase())).size, 2);
  });

  test("the same operations in another order get the same names", () => {
    const requests = [
      { raw: "a-b", tieBreak: "/1 get" },
      { raw: "a.b", tieBreak: "/2 get" },
      { raw: "aB", tieBreak: "/3 get" },
      { raw: "a b", tieBreak: "/4 get" },
    ];
    const forward = assignNames(requests);
    const backward = assignNames([...requests].reverse()).reverse();
    assert.deepEqual(forward, backward);
    assert.equal(forward[2], "aB");
    assert.equal(new Set(forward).size, 4);
  });
});
