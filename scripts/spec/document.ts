import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document as YamlDocument, type Node } from "yaml";
import { EMPTY_RANGE, Severity, UserError, type Diagnostic, type Range } from "../diagnostics.js";

/** A parsed spec file that still knows where each value came from. */
export interface SourceDocument {
  /** The path the file was read from, as the user gave it (used in messages). */
  readonly source: string;
  readonly text: string;
  /** The plain JSON value of the file. */
  readonly data: unknown;
  /** Maps a JSON path to its range in the file; the closest existing parent when the path does not exist. */
  rangeOf(path: readonly (string | number)[]): Range;
}

/**
 * Parses YAML or JSON text (JSON is YAML 1.2) keeping positions. Syntax errors and duplicate keys become a
 * UserError with one diagnostic per problem, positioned at the offending character.
 */
export function parseSourceDocument(text: string, source: string): SourceDocument {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineCounter = new LineCounter();
  const doc = parseDocument(body, { lineCounter, keepSourceTokens: false, prettyErrors: false, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings.filter((w) => w.code === "DUPLICATE_KEY")];
  if (problems.length > 0) {
    const diagnostics: Diagnostic[] = problems.map((e) => {
      const at = lineCounter.linePos(e.pos[0]);
      const end = lineCounter.linePos(e.pos[1]);
      return {
        code: "parser",
        message: e.message.split("\n")[0] ?? e.message,
        path: [],
        severity: Severity.Error,
        source,
        range: { start: { line: at.line - 1, character: at.col - 1 }, end: { line: end.line - 1, character: end.col - 1 } },
      };
    });
    throw new UserError(`${source} is not valid YAML or JSON`, { diagnostics, exitCode: 2 });
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  return { source, text: body, data, rangeOf: (path) => rangeOf(doc, lineCounter, path) };
}

function rangeOf(doc: YamlDocument, lines: LineCounter, path: readonly (string | number)[]): Range {
  let node: Node | null | undefined = doc.contents;
  let keyNode: Node | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
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
