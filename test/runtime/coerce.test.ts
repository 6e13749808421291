import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { coerceParameter, coercePrimitive } from "../../src/runtime/coerce.js";
import type { ParameterSpec } from "../../src/runtime/contract.js";

const param = (overrides: Partial<ParameterSpec>): ParameterSpec => ({ name: "p", in: "query", key: "p", type: "string", required: false, ...overrides });

describe("coercion of raw strings", () => {
  test("values that convert become their type; others stay strings for the validator to name", () => {
    assert.equal(coercePrimitive("42", "integer"), 42);
    assert.equal(coercePrimitive("-7", "integer"), -7);
    assert.equal(coercePrimitive("4.2", "integer"), "4.2");
    assert.equal(coercePrimitive("9007199254740993", "integer"), "9007199254740993", "beyond safe integers stays text");
    assert.equal(coercePrimitive("1e3", "number"), 1000);
    assert.equal(coercePrimitive(" ", "number"), " ");
    assert.equal(coercePrimitive("Infinity", "number"), "Infinity");
    assert.equal(coercePrimitive("False", "boolean"), false);
    assert.equal(coercePrimitive("1", "boolean"), "1");
    assert.equal(coercePrimitive("007", "string"), "007");
  });

  test("numbers are read in decimal notation only; anything else is left for the validator to refuse", () => {
    for (const [raw, expected] of [["2.5", 2.5], ["-.5", -0.5], ["+3", 3], ["7.", 7], ["1E-2", 0.01], ["0", 0]] as const) {
      assert.equal(coercePrimitive(raw, "number"), expected, raw);
    }
    for (const raw of ["0x10", "0b11", "0o7", " 12 ", "12 ", "1,5", ".", "e5", "1e", "--1", "NaN", "1e400"]) {
      assert.equal(coercePrimitive(raw, "number"), raw, raw);
    }
  });

  test("absent: the default, or nothing", () => {
    assert.equal(coerceParameter(param({ type: "integer", default: 50 }), []), 50);
    assert.equal(coerceParameter(param({}), []), undefined);
  });

  test("every collection format", () => {
    const list = (collectionFormat: ParameterSpec["collectionFormat"], raw: string[]) =>
      coerceParameter(param({ type: "array", itemType: "integer", ...(collectionFormat ? { collectionFormat } : {}) }), raw);
    assert.deepEqual(list(undefined, ["1,2"]), [1, 2], "csv by default, as Swagger 2.0 says");
    assert.deepEqual(list("csv", ["1,2", "3"]), [1, 2, 3]);
    assert.deepEqual(list("ssv", ["1 2"]), [1, 2]);
    assert.deepEqual(list("tsv", ["1\t2"]), [1, 2]);
    assert.deepEqual(list("pipes", ["1|x"]), [1, "x"]);
    assert.deepEqual(list("multi", ["1", "2,3"]), [1, "2,3"]);
    assert.deepEqual(list("csv", [""]), []);
  });

  test("an empty value is the value it spells, left for the validator: the empty string, or the empty list", () => {
    assert.equal(coerceParameter(param({ type: "string", default: "x" }), [""]), "", "not the default: the value was given");
    assert.equal(coerceParameter(param({ type: "integer", default: 50 }), [""]), "", "no number: the validator says must be integer");
    assert.equal(coerceParameter(param({ type: "boolean" }), [""]), "");
    assert.deepEqual(coerceParameter(param({ type: "array", itemType: "string", default: ["a"] }), [""]), []);
    assert.deepEqual(coerceParameter(param({ type: "array", itemType: "string", collectionFormat: "multi" }), ["a", ""]), ["a", ""]);
  });
});
