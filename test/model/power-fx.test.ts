// The Power Fx pieces of the contract model that docs and diff share: function names (Power Fx's
// NormalizeOperationId), quoted names, literals of a schema's type.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Located, type DocumentSet } from "../../scripts/model/contract/documents.js";
import { fxFunctionName, fxLiteral, fxName, fxType } from "../../scripts/model/contract/power-fx.js";

const set: DocumentSet = { main: "a.json", files: new Map([["a.json", {}]]) };
const schema = (value: unknown) => Located.at("a.json", ["x"], value);

test("function names: every character outside [A-Za-z0-9] deleted, _ before a leading digit", () => {
  assert.equal(fxFunctionName("Get-Item"), "GetItem");
  assert.equal(fxFunctionName("list_items"), "listitems");
  assert.equal(fxFunctionName("GetItems_V2"), "GetItemsV2");
  assert.equal(fxFunctionName("2fa"), "_2fa");
  assert.equal(fxFunctionName("Größe.holen"), "Greholen");
});

test("names that are not plain identifiers, or are keywords, are quoted", () => {
  assert.equal(fxName("title"), "title");
  assert.equal(fxName("api-version"), "'api-version'");
  assert.equal(fxName("it's"), "'it''s'");
  assert.equal(fxName("ThisRecord"), "'ThisRecord'");
  assert.equal(fxName("1st"), "'1st'");
});

test("literals follow the schema: dates as DateTimeValue, records, tables of records and of values, Blank()", () => {
  assert.equal(fxLiteral(set, schema({ type: "string" }), 'say "hi"'), '"say ""hi"""');
  assert.equal(fxLiteral(set, schema({ type: "string", format: "date-time" }), "2026-01-02T03:04:05Z"), 'DateTimeValue("2026-01-02T03:04:05Z")');
  assert.equal(fxLiteral(set, schema({ type: "string", format: "date" }), "2026-01-02"), 'DateValue("2026-01-02")');
  assert.equal(fxLiteral(set, schema({ type: "integer" }), "42"), "42");
  const record = { type: "object", properties: { due: { type: "string", format: "date" }, "x-y": { type: "boolean" } } };
  assert.equal(fxLiteral(set, schema(record), { due: "2026-01-02", "x-y": true }), '{due: DateValue("2026-01-02"), \'x-y\': true}');
  assert.equal(fxLiteral(set, schema({ type: "array", items: record }), [{ due: "2026-01-02" }]), 'Table({due: DateValue("2026-01-02")})');
  assert.equal(fxLiteral(set, schema({ type: "array", items: { type: "string" } }), ["a", "b"]), '["a", "b"]');
  assert.equal(fxLiteral(set, undefined, null), "Blank()");
});

test("types: Text, Number, Boolean, DateTime, Record, Table, Table of a value, Dynamic for what cannot be typed", () => {
  assert.equal(fxType(set, schema({ type: "string", format: "binary" })), "Blob");
  assert.equal(fxType(set, schema({ type: "number" })), "Number");
  assert.equal(fxType(set, schema({ type: "object", properties: { a: { type: "string" } } })), "Record");
  assert.equal(fxType(set, schema({ type: "object", additionalProperties: { type: "string" } })), "Dynamic");
  assert.equal(fxType(set, schema({ type: "array", items: { type: "integer" } })), "Table of Number");
  assert.equal(fxType(set, schema({ type: "array", items: { type: "object", properties: { a: {} } } })), "Table");
  assert.equal(fxType(set, schema({})), "Dynamic");
});
