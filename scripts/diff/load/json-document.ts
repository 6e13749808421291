/**
 * A SourceDocument for JSON text that parses with JSON.parse and finds positions only when asked. The YAML parser
 * that keeps every position costs ~250 ms on the largest corpus connector (590 KB); a diff needs a handful of
 * positions, and each lookup here skips over the values it does not enter without building them.
 */
import { EMPTY_RANGE, type Position, type Range } from "../../diagnostics.js";
import type { SourceDocument } from "../../spec/document.js";

/** Parses JSON text, or returns undefined when it is not strict JSON (the caller falls back to the YAML parser). */
export function parseJsonDocument(text: string, source: string): SourceDocument | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return undefined;
  }
  const locator = new JsonLocator(body);
  return { source, text: body, data, rangeOf: (path) => locator.rangeOf(path) };
}

interface Node {
  /** Offset of the key (members) or value (array items and the root) that the range covers. */
  readonly start: number;
  readonly end: number;
  /** Offset of the value, for descending. */
  readonly value: number;
}

class JsonLocator {
  private readonly cache = new Map<string, Node | null>();
  private lineStarts: number[] | undefined;

  constructor(private readonly text: string) {}

  rangeOf(path: readonly (string | number)[]): Range {
    let node: Node = { start: this.skipSpace(0), end: this.valueEnd(this.skipSpace(0)), value: this.skipSpace(0) };
    let key = "";
    for (const segment of path) {
      key += `\u0000${String(segment)}`;
      let next = this.cache.get(key);
      if (next === undefined) {
        next = this.child(node.value, segment) ?? null;
        this.cache.set(key, next);
      }
      if (next === null) break;
      node = next;
    }
    return node.start >= this.text.length ? EMPTY_RANGE : { start: this.position(node.start), end: this.position(node.end) };
  }

  private child(at: number, segment: string | number): Node | undefined {
    const t = this.text;
    const open = t.charCodeAt(at);
    if (open === 0x7b /* { */) {
      let i = this.skipSpace(at + 1);
      while (i < t.length && t.charCodeAt(i) === 0x22 /* " */) {
        const keyEnd = this.stringEnd(i);
        const name = this.readString(i, keyEnd);
        const value = this.skipSpace(this.skipSpace(keyEnd) + 1);
        if (name === String(segment)) return { start: i, end: keyEnd, value };
        i = this.skipSpace(this.valueEnd(value));
        if (t.charCodeAt(i) === 0x2c /* , */) i = this.skipSpace(i + 1);
        else break;
      }
      return undefined;
    }
    if (open === 0x5b /* [ */) {
      const index = typeof segment === "number" ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      if (index < 0) return undefined;
      let i = this.skipSpace(at + 1);
      for (let n = 0; i < t.length && t.charCodeAt(i) !== 0x5d /* ] */; n++) {
        const end = this.valueEnd(i);
        if (n === index) return { start: i, end, value: i };
        i = this.skipSpace(end);
        if (t.charCodeAt(i) === 0x2c) i = this.skipSpace(i + 1);
        else break;
      }
    }
    return undefined;
  }

  private readString(start: number, end: number): string {
    const raw = this.text.slice(start + 1, end - 1);
    return raw.includes("\\") ? (JSON.parse(this.text.slice(start, end)) as string) : raw;
  }

  /** The offset just past the string starting at `start` (its opening quote). */
  private stringEnd(start: number): number {
    const t = this.text;
    let i = start + 1;
    for (;;) {
      const q = t.indexOf('"', i);
      if (q < 0) return t.length;
      let backslashes = 0;
      for (let k = q - 1; t.charCodeAt(k) === 0x5c; k--) backslashes++;
      if (backslashes % 2 === 0) return q + 1;
      i = q + 1;
    }
  }

  /** The offset just past the value starting at `start`. The text is valid JSON (JSON.parse accepted it). */
  private valueEnd(start: number): number {
    const t = this.text;
    const c = t.charCodeAt(start);
    if (c === 0x22) return this.stringEnd(start);
    if (c !== 0x7b && c !== 0x5b) {
      let i = start;
      while (i < t.length && !/[\s,\]}]/.test(t[i]!)) i++;
      return i;
    }
    let depth = 0;
    for (let i = start; i < t.length; i++) {
      const d = t.charCodeAt(i);
      if (d === 0x22) i = this.stringEnd(i) - 1;
      else if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return t.length;
  }

  private skipSpace(i: number): number {
    const t = this.text;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
    return i;
  }

  private position(offset: number): Position {
    if (this.lineStarts === undefined) {
      const starts = [0];
      for (let i = this.text.indexOf("\n"); i >= 0; i = this.text.indexOf("\n", i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo]! };
  }
}
