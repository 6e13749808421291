import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LineCounter, parseDocument } from "yaml";
import { UserError } from "../../scripts/diagnostics.js";
import { parseSourceDocument } from "../../scripts/spec/document.js";
import { aliasProblem, MAX_SPEC_BYTES, nestingProblem, refCycles, sizeProblem, textSizeProblem } from "../../scripts/spec/guards.js";
import { jsonSyntaxError, trailingCommaOffsets } from "../../scripts/spec/syntax.js";

function aliases(text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return aliasProblem(doc, "a.yaml", (pos) => {
    const at = lines.linePos(pos[0]);
    return { start: { line: at.line - 1, character: at.col - 1 }, end: { line: at.line - 1, character: at.col - 1 } };
  });
}

function loadError(text: string, source = "spec.yaml"): UserError {
  try {
    parseSourceDocument(text, source);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  assert.fail("the text was accepted");
}

describe("the size guard", () => {
  test("refuses above 8 MiB and takes the limit itself", () => {
    assert.equal(sizeProblem(MAX_SPEC_BYTES, "a.json"), undefined);
    assert.equal(sizeProblem(MAX_SPEC_BYTES + 1, "a.json")?.code, "file-size");
    assert.equal(textSizeProblem("x".repeat(1000), "a.json"), undefined);
    // Counted in UTF-8 bytes: 3 bytes per character here.
    assert.equal(textSizeProblem("€".repeat(Math.ceil(MAX_SPEC_BYTES / 3) + 1), "a.json")?.code, "file-size");
  });
});

describe("the nesting guard", () => {
  test("counts brackets outside strings, and refuses past 256 levels", () => {
    assert.equal(nestingProblem(`{"a": "${"[".repeat(1000)}", "b": ${"[".repeat(255)}${"]".repeat(255)}}`, "a.json"), undefined);
    const deep = nestingProblem(`{"a":\n ${"[".repeat(300)}${"]".repeat(300)}}`, "a.json");
    assert.equal(deep?.code, "nesting");
    assert.deepEqual(deep?.range.start, { line: 1, character: 256 });
  });
});

describe("the alias guard", () => {
  test("anchors that expand modestly pass", () => {
    assert.equal(aliases("a: &x {type: string}\nb: *x\nc: [*x, *x]\n"), undefined);
  });

  test("a billion laughs is refused at its widest alias", () => {
    const levels = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 8; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(", ")}]`);
    const problem = aliases(`${levels.join("\n")}\n`);
    assert.equal(problem?.code, "yaml-aliases");
    assert.match(problem?.message ?? "", /alias bomb\. The alias \*l6 alone stands for/);
    assert.equal(problem?.range.start.line, 7);
  });

  test("an alias inside the node it names is refused", () => {
    assert.match(aliases("a: &x [1, *x]\n")?.message ?? "", /stands inside the value it names/);
  });
});

describe("$ref cycles", () => {
  test("A → A and A → B → A, each once, at the first object of the cycle", () => {
    const cycles = refCycles({
      paths: { "/a": { get: { responses: { "200": { schema: { $ref: "#/definitions/A" } } } } } },
      definitions: { A: { $ref: "#/definitions/B" }, B: { $ref: "#/definitions/A" }, S: { $ref: "#/definitions/S" } },
    });
    assert.deepEqual(cycles, [
      { path: ["definitions", "A"], chain: ["#/definitions/A", "#/definitions/B", "#/definitions/A"] },
      { path: ["definitions", "S"], chain: ["#/definitions/S", "#/definitions/S"] },
    ]);
  });

  test("a tree that refers to itself through properties or items is not a cycle", () => {
    const tree = { type: "object", properties: { children: { type: "array", items: { $ref: "#/definitions/Node" } }, parent: { $ref: "#/definitions/Node" } } };
    assert.deepEqual(refCycles({ definitions: { Node: tree } }), []);
  });

  test("missing targets and other files are not cycles", () => {
    assert.deepEqual(refCycles({ definitions: { A: { $ref: "#/definitions/Nope" }, B: { $ref: "other.yaml#/definitions/B" } } }), []);
  });
});

describe("the shared loader", () => {
  test("one syntax error, the first, positioned", () => {
    const error = loadError("swagger: '2.0'\ninfo: {title: x\npaths:\n  /a: [\n");
    assert.equal(error.diagnostics.length, 1);
    assert.equal(error.diagnostics[0]!.code, "parser");
  });

  test("JSON mistakes in JSON's words; trailing commas are no mistake", () => {
    assert.equal(jsonSyntaxError('{"a": [1, 2,], "b": {"c": 1,},}', "a.json"), undefined);
    const missing = jsonSyntaxError('{\n  "a": 1\n  "b": 2\n}', "a.json");
    assert.equal(missing?.message, "Expected ',' between two entries.");
    assert.deepEqual(missing?.range.start, { line: 2, character: 2 });
    assert.equal(loadError('{\n  "a": 1\n  "b": 2\n}', "spec.json").diagnostics[0]!.message, "Expected ',' between two entries.");
  });

  test("JSON that only YAML reads is read, with a warning in JSON's terms", () => {
    const doc = parseSourceDocument('{"swagger": "2.0", info: {"title": "x"}}', "spec.json");
    assert.deepEqual(doc.data, { swagger: "2.0", info: { title: "x" } });
    assert.match(doc.warnings?.[0]?.message ?? "", /^Unexpected character: not JSON here \(strings take double quotes, keys too\)\. Read as YAML; Power Platform's JSON reader refuses it\.$/);
  });

  test("trailing commas are found outside strings only", () => {
    const text = '{"a": "x,]", "b": [1, 2, ], "c": {"d": 1 , } }';
    assert.deepEqual(trailingCommaOffsets(text), [text.indexOf(", ]"), text.indexOf(" , }") + 1]);
  });

  test("duplicate keys: the last value, and a warning at the second key", () => {
    const doc = parseSourceDocument("host: a.example.com\nbasePath: /api\nhost: b.example.com\n", "spec.yaml");
    assert.deepEqual(doc.data, { host: "b.example.com", basePath: "/api" });
    assert.deepEqual(doc.warnings?.map((w) => [w.severity, w.range.start.line]), [[1, 2]]);
    assert.equal(doc.rangeOf(["host"]).start.line, 2, "positions follow the value that is read");
  });

  test("aliases become copies, so no object is shared", () => {
    const doc = parseSourceDocument("a: &x {type: string}\nb: *x\n", "spec.yaml");
    const data = doc.data as Record<string, object>;
    assert.deepEqual(data["a"], data["b"]);
    assert.notEqual(data["a"], data["b"]);
  });

  test("a $ref cycle is refused with its chain", () => {
    const error = loadError("definitions:\n  A:\n    $ref: '#/definitions/A'\n");
    assert.deepEqual(error.diagnostics.map((d) => [d.code, d.range.start.line]), [["ref-cycle", 2]]);
  });
});
