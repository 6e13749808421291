import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { newestFirstId } from "../../src/storage/ids.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newestFirstId", () => {
  test("is a UUID, version 8, RFC 9562 variant", () => {
    for (let i = 0; i < 200; i++) assert.match(newestFirstId(), UUID);
  });

  test("a later time sorts first in plain string order (the Table service's RowKey order)", () => {
    const times = [0, 1, 999, 1_000, 1_700_000_000_000, 1_700_000_000_001, Date.parse("2026-11-27T14:03:11Z"), 0xffff_ffff_fffe];
    const ids = times.map((t) => newestFirstId(t));
    const sorted = [...ids].sort();
    assert.deepEqual(sorted, [...ids].reverse());
  });

  test("the random part keeps ids of the same millisecond apart", () => {
    const now = Date.now();
    const ids = new Set(Array.from({ length: 1_000 }, () => newestFirstId(now)));
    assert.equal(ids.size, 1_000);
    // ...and they all still sort before an id from one millisecond earlier.
    const earlier = newestFirstId(now - 1);
    for (const id of ids) assert.ok(id < earlier, `${id} should sort before ${earlier}`);
  });

  test("times outside 48 bits are clamped, not wrapped", () => {
    assert.ok(newestFirstId(-5).startsWith("ffffffff-ffff-"));
    assert.ok(newestFirstId(2 ** 60).startsWith("00000000-0000-"));
    // An invalid Date's time is no time at all: refused, not turned into "NaN" in the id.
    assert.throws(() => newestFirstId(Number.NaN), RangeError);
  });

  test("only the version and variant bits of the random bytes are overwritten", () => {
    const id = newestFirstId(0, new Uint8Array(10).fill(0xff));
    assert.equal(id, "ffffffff-ffff-8fff-bfff-ffffffffffff");
    assert.equal(newestFirstId(0, new Uint8Array(10)), "ffffffff-ffff-8000-8000-000000000000");
  });
});
