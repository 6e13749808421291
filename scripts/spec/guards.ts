/**
 * The checks every reader of a spec file runs before trusting it (lint, generate, bundle, serve, diff): a file
 * too large to be a connector, YAML aliases that expand without bound, `$ref`s that only point at each other.
 * Each problem is one positioned diagnostic; the callers stop there (exit code 2).
 */
import { isAlias, isMap, isScalar, isSeq, visit, type Document, type Node } from "yaml";
import { parseLocalRef } from "../model/refs.js";
import { Severity, type Diagnostic, type Range } from "../diagnostics.js";

/**
 * The largest spec file conduit reads: 8 MiB. Power Platform's own limit is 1 MB for the uploaded definition
 * (the largest accepted connectors are 1.1 MB of JSON), and a YAML source with comments, or a definition split
 * over several files, can be larger than what is uploaded; eight times the limit leaves that room while a file
 * of this size still lints in seconds and a few hundred MB. Anything larger is not a connector definition.
 */
export const MAX_SPEC_BYTES = 8 * 1024 * 1024;

/**
 * The most values a YAML file may hold once its aliases are expanded. The largest accepted connector has about
 * 60,000; an alias bomb of 20 KB has billions. Aliases that stay under this expand as YAML says.
 */
export const MAX_EXPANDED_VALUES = 1_000_000;

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function problem(source: string, message: string, range: Range = ZERO, code = "parser"): Diagnostic {
  return { code, message, path: [], severity: Severity.Error, source, range };
}

/** A file over MAX_SPEC_BYTES, by its size on disk or the length of its text. */
export function sizeProblem(bytes: number, source: string): Diagnostic | undefined {
  if (bytes <= MAX_SPEC_BYTES) return undefined;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return problem(
    source,
    `The file is ${mb(bytes)}; conduit reads spec files up to ${mb(MAX_SPEC_BYTES)} (Power Platform takes definitions under 1 MB): split it, or check that it is the file you meant.`,
    ZERO,
    "file-size",
  );
}

export function textSizeProblem(text: string, source: string): Diagnostic | undefined {
  // A string's length in UTF-16 units is at most its UTF-8 size, and at least a third of it: cheap bounds first.
  if (text.length * 3 <= MAX_SPEC_BYTES) return undefined;
  return sizeProblem(Buffer.byteLength(text, "utf8"), source);
}

/**
 * Aliases whose expansion would exceed MAX_EXPANDED_VALUES (a "billion laughs" file), or an alias inside the node
 * it names. Counted on the parsed YAML without expanding anything: each anchored node's size is computed once.
 */
export function aliasProblem(doc: Document, source: string, rangeAt: (offset: readonly [number, number]) => Range): Diagnostic | undefined {
  const targets = new Map<Node, Node | undefined>();
  const anchors = new Map<string, Node>();
  // Document order: an alias names the closest anchor before it.
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  if (targets.size === 0) return undefined;
  const sizes = new Map<Node, number>();
  const open = new Set<Node>();
  let worst: { alias: Node; size: number } | undefined;
  let recursive: Node | undefined;
  const sizeOf = (node: unknown): number => {
    if (node === null || node === undefined || isScalar(node)) return 1;
    if (isAlias(node)) {
      const target = targets.get(node);
      if (target === undefined) return 1;
      if (open.has(target)) {
        recursive ??= node;
        return Infinity;
      }
      const size = sizeOf(target);
      if (worst === undefined || size > worst.size) worst = { alias: node, size };
      return size;
    }
    const known = sizes.get(node as Node);
    if (known !== undefined) return known;
    open.add(node as Node);
    let size = 1;
    if (isMap(node)) for (const pair of node.items) size += sizeOf(pair.key) + sizeOf(pair.value);
    else if (isSeq(node)) for (const item of node.items) size += sizeOf(item);
    open.delete(node as Node);
    size = Math.min(size, Number.MAX_SAFE_INTEGER);
    sizes.set(node as Node, size);
    return size;
  };
  const total = sizeOf(doc.contents);
  const at = (node: Node | undefined) => (node?.range ? rangeAt([node.range[0], node.range[1]]) : ZERO);
  if (recursive !== undefined) {
    return problem(source, `The alias *${String((recursive as { source?: string }).source ?? "")} stands inside the value it names, so it never ends: write the value out.`, at(recursive), "yaml-aliases");
  }
  if (total <= MAX_EXPANDED_VALUES) return undefined;
  const name = String((worst?.alias as { source?: string } | undefined)?.source ?? "");
  return problem(
    source,
    `YAML aliases here expand the file to ${total > 1e12 ? "more than a trillion" : total.toLocaleString("en-US")} values (the limit is ${MAX_EXPANDED_VALUES.toLocaleString("en-US")}): an alias bomb. The alias *${name} alone stands for ${worst?.size.toLocaleString("en-US")}; write the values out or use $ref.`,
    at(worst?.alias),
    "yaml-aliases",
  );
}

/** A `$ref` that starts a cycle of references to references: no schema, parameter or response is ever reached. */
export interface RefCycle {
  /** The JSON path of the first object of the cycle (which holds a `$ref`). */
  readonly path: (string | number)[];
  /** The references in the order they are followed, ending where the cycle closes. */
  readonly chain: readonly string[];
}

/**
 * Cycles of local `$ref`s whose targets are themselves only references (A → B → A, A → A). A schema that refers
 * to itself through its properties or items (a tree node with children of its own type) is not one: following
 * it reaches a schema first.
 */
export function refCycles(data: unknown): RefCycle[] {
  const cycles: RefCycle[] = [];
  const reported = new Set<string>();
  const walk = (value: unknown, path: (string | number)[], depth: number): void => {
    if (depth > 256 || typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => walk(item, [...path, i], depth + 1));
      return;
    }
    const record = value as Record<string, unknown>;
    const ref = record["$ref"];
    if (typeof ref === "string") {
      const found = cycleFrom(data, ref);
      if (found !== undefined) {
        const key = [...new Set(found)].sort().join("\u0000");
        if (!reported.has(key)) {
          reported.add(key);
          // At this object when it is part of the cycle (the chain then starts from it); otherwise the walk came
          // in from outside (a response's schema), and the cycle is reported at its first object.
          const own = `#/${path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
          const at = found.indexOf(own);
          const chain = at < 0 ? found : [...found.slice(at, -1), ...found.slice(0, at), own];
          cycles.push({ path: at < 0 ? (parseLocalRef(found[0]!) ?? path) : path, chain });
        }
      }
      return;
    }
    for (const [key, child] of Object.entries(record)) walk(child, [...path, key], depth + 1);
  };
  walk(data, [], 0);
  return cycles;
}

function cycleFrom(data: unknown, first: string): string[] | undefined {
  const chain: string[] = [];
  const seen = new Set<string>();
  for (let ref: string | undefined = first; ref !== undefined; ) {
    chain.push(ref);
    if (seen.has(ref)) return chain.slice(chain.indexOf(ref));
    seen.add(ref);
    const segments = parseLocalRef(ref);
    if (segments === undefined) return undefined;
    const target = valueAt(data, segments);
    ref = typeof target === "object" && target !== null && !Array.isArray(target) && typeof (target as Record<string, unknown>)["$ref"] === "string"
      ? ((target as Record<string, unknown>)["$ref"] as string)
      : undefined;
  }
  return undefined;
}

function valueAt(root: unknown, segments: readonly string[]): unknown {
  let node = root;
  for (const segment of segments) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
    else if (typeof node === "object" && node !== null && Object.prototype.hasOwnProperty.call(node, segment)) node = (node as Record<string, unknown>)[segment];
    else return undefined;
  }
  return node;
}

/** The cycle as a positioned diagnostic. */
export function refCycleProblem(cycle: RefCycle, source: string, range: Range): Diagnostic {
  return {
    ...problem(
      source,
      `$ref cycle: ${cycle.chain.join(" → ")}. These references point only at each other, so no definition is ever reached; make one of them the schema itself.`,
      range,
      "ref-cycle",
    ),
    path: [...cycle.path, "$ref"],
  };
}

/**
 * The deepest nesting conduit reads. The parsers (Spectral's, jsonc's, yaml's) recurse once per level and overflow
 * the stack somewhere past ten thousand; the deepest of the 463 accepted connectors nests 28 levels.
 */
export const MAX_NESTING = 256;

/**
 * Brackets nested deeper than MAX_NESTING, found by a scan of the text that skips quoted strings (block-style
 * YAML cannot nest that deep within the size limit: each level costs a line and its indentation).
 */
export function nestingProblem(text: string, source: string): Diagnostic | undefined {
  let depth = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== "") {
      if (c === 92 /* \ */ && quote === '"') i++;
      else if (text[i] === quote) quote = "";
      continue;
    }
    if (c === 34 /* " */ || c === 39 /* ' */) quote = text[i]!;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > MAX_NESTING) {
        const before = text.slice(0, i);
        const line = before.split("\n").length - 1;
        const at = { line, character: i - (before.lastIndexOf("\n") + 1) };
        return problem(source, `Values nested more than ${MAX_NESTING} levels deep (no connector needs that many): flatten the structure, or check that this is the file you meant.`, { start: at, end: at }, "nesting");
      }
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth = Math.max(0, depth - 1);
  }
  return undefined;
}
