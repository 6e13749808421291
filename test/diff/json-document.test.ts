// The JSON fast path finds positions by scanning on demand; it must agree with the positioned YAML parser that
// every other command uses (scripts/spec/document.ts) on where each value is.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { parseJsonDocument } from "../../scripts/diff/load/json-document.js";
import { parseSourceDocument } from "../../scripts/spec/document.js";
import { connector } from "./fixtures.js";

type Path = (string | number)[];

/** Every path in a value, parents before children. */
function paths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function agree(text: string, every = 1): number {
  const fast = parseJsonDocument(text, "x.json")!;
  const slow = parseSourceDocument(text, "x.json");
  const all = paths(fast.data).filter((_, i) => i % every === 0);
  for (const p of [...all, ["paths", "/nowhere", "get"], ["info", "title", "deeper"], [7, "x"]]) {
    assert.deepEqual(fast.rangeOf(p), slow.rangeOf(p), `range of ${JSON.stringify(p)}`);
  }
  return all.length;
}

test("ranges agree with the YAML parser on every path of an indented document, and on missing paths", () => {
  assert.ok(agree(JSON.stringify(connector(), null, 2)) > 100);
});

test("ranges agree on minified JSON, escapes, a BOM and odd spacing", () => {
  const odd = '\ufeff{ "a\\"b" :\t[1, {"c\\\\": "x\\"]}"} , [ ] ], "d":{"e":null,"f":-1.5e3 ,"g":true},"h":"\\u00e9"}';
  assert.ok(agree(odd) > 5);
  agree(JSON.stringify(connector()));
});

const CORPUS = path.resolve(process.cwd(), "../shared/corpus/certified-connectors_Airmeet/apiDefinition.swagger.json");
test("ranges agree on a real connector", { skip: !existsSync(CORPUS) && "no ../shared/corpus" }, () => {
  assert.ok(agree(readFileSync(CORPUS, "utf8"), 3) > 300);
});

test("text that is not strict JSON is left to the YAML parser", () => {
  assert.equal(parseJsonDocument("{ a: 1 }", "x.json"), undefined);
  assert.equal(parseJsonDocument('{"a": 1,}', "x.json"), undefined);
});
