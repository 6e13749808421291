/**
 * The hand-written `date-time` and `date` checks, and the length checks that look at a string's length before
 * counting its code points, against what they replace (ajv-formats' full formats, ajv's own maxLength and
 * minLength): the same answer, and the same errors, on hundreds of thousands of values, valid, nearly valid and
 * random.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import Ajv04Module from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import type { ErrorObject } from "ajv";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { createAjv } from "../../scripts/generate/ajv.js";
import { formats, isDate, isDateTime } from "../../src/runtime/formats.cjs";
import { Random } from "../fuzz/prng.js";

/** A seeded source of numbers in [0, 1): the same values every run, so a failure reproduces. */
function prng(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

// CommonJS packages: their `default` is the module object under NodeNext typing (as scripts/generate/ajv.ts reads them).
type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
type PlainAjv = { compile(schema: unknown): Validate };
const Ajv04 = ((Ajv04Module as unknown as { default?: unknown }).default ?? Ajv04Module) as new (options: Record<string, unknown>) => PlainAjv;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: PlainAjv) => void;

function validatorOf(format: unknown): (value: string) => boolean {
  const validate = (format as { validate?: unknown }).validate;
  assert.equal(typeof validate, "function");
  return validate as (value: string) => boolean;
}

const theirDateTime = validatorOf(fullFormats["date-time"]);
const theirDate = validatorOf(fullFormats.date);

const EDGES = [
  "2026-12-02T09:00:00Z",
  "2026-12-02t09:00:00z",
  "2026-12-02 09:00:00Z",
  "2026-12-02\t09:00:00Z",
  "2026-12-02\u200009:00:00Z",
  "2026-12-02\u202809:00:00+01:00",
  "2026-12-02_09:00:00Z",
  "2026-12-02T09:00:00",
  "2026-12-02T09:00:00.Z",
  "2026-12-02T09:00:00.1234567Z",
  "2026-12-02T09:00:00.1234567+05:30",
  "2026-12-02T09:00:00+0530",
  "2026-12-02T09:00:00+05",
  "2026-12-02T09:00:00+05:",
  "2026-12-02T09:00:00+053",
  "2026-12-02T09:00:00+24:00",
  "2026-12-02T09:00:00+23:60",
  "2026-12-02T24:00:00Z",
  "2026-12-02T23:60:00Z",
  "2026-12-31T23:59:60Z",
  "2026-12-31T23:59:60.999Z",
  "2026-12-31T23:59:61Z",
  "2026-12-31T22:59:60-01:00",
  "2027-01-01T00:59:60+01:00",
  "2027-01-01T00:29:60+00:30",
  "2026-06-30T12:59:60Z",
  "2026-12-02T09:00:59.99999999999999999Z",
  "2026-12-31T23:59:59.99999999999999999Z",
  "2026-12-02T09:00:58.99999999999999999Z",
  "2026-02-29T00:00:00Z",
  "2024-02-29T00:00:00Z",
  "2000-02-29T00:00:00Z",
  "1900-02-29T00:00:00Z",
  "0000-02-29T00:00:00Z",
  "2026-04-31T00:00:00Z",
  "2026-00-10T00:00:00Z",
  "2026-13-10T00:00:00Z",
  "2026-12-00T00:00:00Z",
  "2026-12-32T00:00:00Z",
  "２０２６-12-02T09:00:00Z",
  "2026-12-02T09:00:00Z\n",
  "2026-12-02T09:00:00ZZ",
  "2026-12-02TT09:00:00Z",
  " 2026-12-02T09:00:00Z",
  "2026-12-02T9:00:00Z",
  "2026-12-02",
  "",
];

const ALPHABET = "0123456789-:.TtZz+- \t\u00a0\u2028\u3000\ufeffxX:5";

/** A date-time that is right, or nearly so: fields in and out of range, every zone form. */
function nearlyDateTime(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const two = (max: number) => String(Math.floor(random() * max)).padStart(2, "0");
  const year = pick(["2026", "2024", "2000", "1900", "0000", "9999", "2100"]);
  const date = `${year}-${two(14)}-${two(33)}`;
  const time = `${two(26)}:${two(62)}:${two(62)}${pick(["", "", ".5", ".123", ".999999999999999999", "."])}`;
  const zone = pick(["Z", "z", "", `+${two(26)}:${two(62)}`, `-${two(26)}${two(62)}`, `+${two(25)}`, "+1", "-01:", "Zt"]);
  const value = `${date}${pick(["T", "t", " ", "\t", "_", "\u2029"])}${time}${zone}`;
  if (random() < 0.3) {
    // One character changed, added or dropped.
    const at = Math.floor(random() * (value.length + 1));
    const char = ALPHABET[Math.floor(random() * ALPHABET.length)] ?? "0";
    const edit = Math.floor(random() * 3);
    return edit === 0 ? value.slice(0, at) + char + value.slice(at + 1) : edit === 1 ? value.slice(0, at) + char + value.slice(at) : value.slice(0, at) + value.slice(at + 1);
  }
  return value;
}

function randomText(random: () => number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)] ?? "";
  return out;
}

describe("date-time and date, checked by hand", () => {
  test("the same answer as ajv-formats on the edge cases", () => {
    for (const value of EDGES) {
      assert.equal(isDateTime(value), theirDateTime(value), `date-time ${JSON.stringify(value)}`);
      assert.equal(isDate(value.slice(0, 10)), theirDate(value.slice(0, 10)), `date ${JSON.stringify(value.slice(0, 10))}`);
    }
  });

  test("the same answer as ajv-formats on 300,000 generated values", () => {
    const random = prng(15);
    let accepted = 0;
    for (let i = 0; i < 300_000; i++) {
      const value = i % 3 === 2 ? randomText(random, 18 + Math.floor(random() * 14)) : nearlyDateTime(random);
      const ours = isDateTime(value);
      assert.equal(ours, theirDateTime(value), `date-time ${JSON.stringify(value)}`);
      const date = value.slice(0, 10);
      assert.equal(isDate(date), theirDate(date), `date ${JSON.stringify(date)}`);
      if (ours) accepted++;
    }
    assert.ok(accepted > 20_000, `enough valid values to mean something: ${accepted}`);
  });

  test("the formats the validators require are ajv-formats' full set, with these two in place", () => {
    assert.deepEqual(Object.keys(formats).sort(), Object.keys(fullFormats).sort());
    assert.equal(validatorOf(formats["date-time"]), isDateTime);
    assert.equal(validatorOf(formats.date), isDate);
    assert.equal((formats["date-time"] as { compare?: unknown }).compare, (fullFormats["date-time"] as { compare?: unknown }).compare);
    assert.equal(formats.email, fullFormats.email);
  });
});

describe("maxLength and minLength that look at the length first", () => {
  test("the same answers and errors as ajv's own, on strings of every kind of character", () => {
    const schema = {
      type: "object",
      properties: {
        short: { type: "string", maxLength: 5 },
        long: { type: "string", minLength: 3, maxLength: 8 },
        one: { type: "string", minLength: 1 },
      },
    };
    const ours = createAjv().compile(schema);
    const plain = new Ajv04({ strict: false, allErrors: true, logger: false, unicodeRegExp: false, validateSchema: false, inlineRefs: false });
    addFormats(plain);
    const theirs = plain.compile(schema);
    const random = prng(7);
    const pieces = ["a", "é", "😀", "\ud83d", "\ude00", "𝒳", "\u0000", " "];
    for (let i = 0; i < 50_000; i++) {
      const make = () => {
        let text = "";
        const count = Math.floor(random() * 12);
        for (let j = 0; j < count; j++) text += pieces[Math.floor(random() * pieces.length)] ?? "";
        return text;
      };
      const data = { short: make(), long: make(), one: make() };
      assert.equal(ours(data), theirs(data), JSON.stringify(data));
      assert.deepEqual(ours.errors ?? null, theirs.errors ?? null, JSON.stringify(data));
    }
  });
});
