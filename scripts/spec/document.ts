import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document as YamlDocument, type Node } from "yaml";
import { EMPTY_RANGE, Severity, UserError, type Diagnostic, type Range } from "../diagnostics.js";
import { aliasProblem, nestingProblem, refCycleProblem, refCycles, textSizeProblem } from "./guards.js";
import { jsonSyntaxError, looksLikeJson } from "./syntax.js";
import { explainYamlError } from "./yaml-errors.js";

/** A parsed spec file that still knows where each value came from. */
export interface SourceDocument {
  /** The path the file was read from, as the user gave it (used in messages). */
  readonly source: string;
  readonly text: string;
  /** The plain JSON value of the file. */
  readonly data: unknown;
  /** Maps a JSON path to its range in the file; the closest existing parent when the path does not exist. */
  rangeOf(path: readonly (string | number)[]): Range;
  /** What the reader tolerated but the user should know (duplicate keys); empty or absent when nothing. */
  readonly warnings?: readonly Diagnostic[];
}

/**
 * Parses YAML or JSON text (JSON is YAML 1.2) keeping positions, after the guards every reader shares (size,
 * alias bombs, `$ref` cycles). A syntax error becomes a UserError with one diagnostic, at the first problem
 * (the parser's later complaints follow from it). Duplicate keys are warnings, as Power Platform reads them:
 * the last value wins.
 */
export function parseSourceDocument(text: string, source: string): SourceDocument {
  const tooLarge = textSizeProblem(text, source);
  if (tooLarge) throw new UserError(`${source} is too large`, { diagnostics: [tooLarge], exitCode: 2 });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const tooDeep = nestingProblem(body, source);
  if (tooDeep) throw new UserError(`${source} cannot be read safely`, { diagnostics: [tooDeep], exitCode: 2 });
  // JSON mistakes are said in JSON's terms; text the YAML parser still reads (YAML is a superset of JSON) is read
  // so, with a warning, as it always was.
  const notJson = looksLikeJson(source, body) ? jsonSyntaxError(body, source) : undefined;
  const lineCounter = new LineCounter();
  const doc = parseDocument(body, { lineCounter, keepSourceTokens: false, prettyErrors: false, uniqueKeys: false });
  const span = (pos: readonly [number, number]): Range => toRange(lineCounter, pos);
  const first = doc.errors[0];
  if (first !== undefined && notJson) throw new UserError(`${source} is not valid YAML or JSON`, { diagnostics: [notJson], exitCode: 2 });
  if (first !== undefined) {
    const problem = explainYamlError(first, body);
    const diagnostic = { code: "parser", message: problem.message, path: [], severity: Severity.Error, source, range: span([problem.offset, problem.offset]) };
    throw new UserError(`${source} is not valid YAML or JSON`, { diagnostics: [diagnostic], exitCode: 2 });
  }
  const bomb = aliasProblem(doc, source, span);
  if (bomb) throw new UserError(`${source} cannot be read safely`, { diagnostics: [bomb], exitCode: 2 });
  // Aliases come back as one object shared by every place that names it; tools downstream (swagger2openapi)
  // refuse shared objects, and a change through one place would show in the others. Each place gets its copy.
  const shared: unknown = doc.toJS({ maxAliasCount: -1 });
  const data = body.includes("*") && body.includes("&") ? unshare(shared) : shared;
  const rangeOfPath = (path: readonly (string | number)[]) => rangeOf(doc, lineCounter, path);
  const cycles = refCycles(data);
  if (cycles.length > 0) {
    const diagnostics = cycles.map((cycle) => refCycleProblem(cycle, source, rangeOfPath([...cycle.path, "$ref"])));
    throw new UserError(`${source} has $ref cycles`, { diagnostics, exitCode: 2 });
  }
  const lenient = notJson ? [{ ...notJson, severity: Severity.Warning, message: `${notJson.message} Read as YAML; Power Platform's JSON reader refuses it.` }] : [];
  return { source, text: body, data, rangeOf: rangeOfPath, warnings: [...lenient, ...duplicateKeys(doc, source, span)] };
}

/**
 * The guards of parseSourceDocument for a document another parser read (diff's fast JSON path): the size, the
 * nesting and `$ref` cycles (JSON has no aliases). Throws the same UserError.
 */
export function guardParsed(doc: SourceDocument): SourceDocument {
  const tooLarge = textSizeProblem(doc.text, doc.source);
  if (tooLarge) throw new UserError(`${doc.source} is too large`, { diagnostics: [tooLarge], exitCode: 2 });
  const tooDeep = nestingProblem(doc.text, doc.source);
  if (tooDeep) throw new UserError(`${doc.source} cannot be read safely`, { diagnostics: [tooDeep], exitCode: 2 });
  const cycles = refCycles(doc.data);
  if (cycles.length > 0) {
    const diagnostics = cycles.map((cycle) => refCycleProblem(cycle, doc.source, doc.rangeOf([...cycle.path, "$ref"])));
    throw new UserError(`${doc.source} has $ref cycles`, { diagnostics, exitCode: 2 });
  }
  return doc;
}

/** A deep copy in which no object or array appears twice (sizes are bounded by aliasProblem). */
function unshare(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unshare);
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) copy[key] = unshare(inner);
    return copy;
  }
  return value;
}

/** Keys written twice in one mapping: the platform's JSON readers keep the last value, and so does conduit. */
function duplicateKeys(doc: YamlDocument, source: string, span: (pos: readonly [number, number]) => Range): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        if (seen.has(name) && pair.key.range) {
          found.push({ code: "parser", message: `Duplicate key: ${name}. The last value is the one read; remove the other.`, path: [], severity: Severity.Warning, source, range: span([pair.key.range[0], pair.key.range[1]]) });
        }
        seen.add(name);
      }
    },
  });
  return found;
}

function toRange(lines: LineCounter, pos: readonly [number, number]): Range {
  const start = lines.linePos(pos[0]);
  const end = lines.linePos(pos[1]);
  return { start: { line: start.line - 1, character: start.col - 1 }, end: { line: end.line - 1, character: end.col - 1 } };
}

function rangeOf(doc: YamlDocument, lines: LineCounter, path: readonly (string | number)[]): Range {
  let node: Node | null | undefined = doc.contents;
  let keyNode: Node | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      // The last of duplicate keys is the value read.
      let pair: (typeof node.items)[number] | undefined;
      for (const p of node.items) if (isScalar(p.key) && String(p.key.value) === String(segment)) pair = p;
      if (!pair) break;
      keyNode = isScalar(pair.key) ? pair.key : undefined;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      keyNode = undefined;
      node = item;
    } else {
      break;
    }
  }
  const target = keyNode ?? node;
  const span = target?.range;
  if (!span) return EMPTY_RANGE;
  const start = lines.linePos(span[0]);
  const end = lines.linePos(span[1]);
  return { start: { line: start.line - 1, character: start.col - 1 }, end: { line: end.line - 1, character: end.col - 1 } };
}
