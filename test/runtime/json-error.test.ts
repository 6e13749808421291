import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { findJsonError } from "../../src/runtime/json-error.js";

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe("findJsonError: where a body stops being JSON", () => {
  test("names line, column and why, for the mistakes people make", () => {
    const cases: [string, number, number, RegExp][] = [
      ['{\n  "title": "x",\n}', 3, 1, /trailing comma before '}'/],
      ["[1,2,]", 1, 6, /trailing comma before '\]'/],
      ["{'a': 1}", 1, 2, /property name in double quotes/],
      ['{"a" 1}', 1, 6, /expected ':'/],
      ['{"a": tru}', 1, 10, /unexpected '}' \(expected true\)/],
      ['{"a": 1', 1, 8, /expected ',' or '}' .* found the end of the body/],
      ['{"a": "x\ny"}', 1, 9, /control character/],
      ['{"a": 01}', 1, 8, /cannot start with 0/],
      ['{"a": 1} x', 1, 10, /after the JSON value/],
      ['{"a": "\\q"}', 1, 9, /\\q is not an escape/],
      ['{"a": "\\u12"}', 1, 9, /four hex digits/],
      ["", 1, 1, /where a value should be/],
      ['"open', 1, 6, /unterminated string/],
      ["{\"a\": 'x'}", 1, 7, /double quotes, not single/],
      ['{"a": -}', 1, 8, /expected a digit/],
      ['{"a": 1.}', 1, 9, /after the decimal point/],
      ['{"a": 1e}', 1, 9, /in the exponent/],
      // The end of the text is said in English: never "unexpected the end of the body".
      ['{"a": tr', 1, 9, /^the body ends too early \(expected true\)$/],
      ['{"a": ', 1, 7, /^the body ends where a value should be$/],
      ["", 1, 1, /^the body ends where a value should be$/],
    ];
    for (const [text, line, column, reason] of cases) {
      const found = findJsonError(text);
      assert.ok(found, `${JSON.stringify(text)} is not JSON`);
      assert.deepEqual([found.line, found.column], [line, column], JSON.stringify(text));
      assert.match(found.reason, reason, JSON.stringify(text));
      assert.doesNotMatch(found.reason, /unexpected the/, JSON.stringify(text));
    }
  });

  test("agrees with JSON.parse on what is JSON", () => {
    const texts = [
      "0", "-0", "1.5e+10", "-12.0E-3", "true", "false", "null", '""', '"\\u00e9\\n\\"\\/"', "[]", "{}", " [ 1 , [ ] , { } ] ",
      '{"a":{"b":[{"c":null}]}}', '"\u00e9 \ud83d\ude00"', "\t\r\n1\n",
      "+1", ".5", "1.", "00", "[1 2]", '{"a":1,}', "nul", "[", "{", '{"a"}', '{1:2}', "tRue", "\u00a01", "1\u00a0", '"\t"', "[,1]", "--1",
    ];
    for (const text of texts) {
      assert.equal(findJsonError(text) === undefined, parses(text), JSON.stringify(text));
    }
  });
});
