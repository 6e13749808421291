import { readFile, stat } from "node:fs/promises";
import { findNodeAtLocation, parseTree, printParseErrorCode, visit, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { Severity, UserError, type Diagnostic, type Range } from "../diagnostics.js";
import type { JsonObject, JsonPath, JsonValue } from "../bundle/ordered.js";

/** Above this a file is not a connector export (Power Platform's own limit is 1 MB), and is refused unread. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

/** A JSON file as exported, read as leniently as is safe; every leniency is reported as a warning. */
export interface ConnectorJson {
  readonly source: string;
  readonly value: JsonValue;
  readonly bytes: number;
  /** What was read although it is not strict JSON (BOM, trailing commas, comments, Latin-1 bytes). */
  readonly warnings: readonly Diagnostic[];
  rangeOf(path: JsonPath): Range;
}

export async function readConnectorJson(file: string, source: string): Promise<ConnectorJson> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new UserError(`cannot read ${source}: it is a directory`);
    size = info.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read ${source}: ${code === "ENOENT" ? "no such file" : (code ?? "unreadable")}`);
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new UserError(
      `${source} is ${(size / 1_000_000).toFixed(1)} MB: a connector definition must stay under 1 MB for Power Platform, so this is not one (a data export, or a definition with embedded files?); import refuses files over ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
    );
  }
  return parseConnectorJson(await readFile(file), source);
}

/** Bytes → ordered value; pure apart from nothing: every problem is positioned in `source`. */
export function parseConnectorJson(bytes: Uint8Array, source: string): ConnectorJson {
  const warnings: Diagnostic[] = [];
  const warn = (range: Range, code: string, message: string): void => {
    warnings.push({ code, message, path: [], severity: Severity.Warning, source, range });
  };
  const { text, note } = decode(bytes);
  const lines = lineStarts(text);
  const position = (offset: number): Range => rangeAt(lines, offset, offset);
  if (note) warn(position(note.offset), note.code, note.message);

  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (errors.length > 0 || tree === undefined) {
    const diagnostics: Diagnostic[] = errors.slice(0, 10).map((e) => ({
      code: "parser",
      message: `${describeParseError(printParseErrorCode(e.error))}`,
      path: [],
      severity: Severity.Error,
      source,
      range: rangeAt(lines, e.offset, e.offset + e.length),
    }));
    if (diagnostics.length === 0) diagnostics.push({ code: "parser", message: "the file is empty", path: [], severity: Severity.Error, source, range: position(0) });
    throw new UserError(`${source} is not valid JSON`, { diagnostics, exitCode: 2 });
  }
  for (const offset of trailingCommas(text)) {
    warn(position(offset), "import-trailing-comma", "trailing comma (not JSON): read as if it were not there");
  }
  visit(text, {
    onComment: (offset) => warn(position(offset), "import-comment", "comment (not JSON): dropped"),
  });
  const duplicates: Diagnostic[] = [];
  const value = toValue(tree, (node, key) =>
    duplicates.push({
      code: "import-duplicate-key",
      message: `duplicate key "${key}": JSON readers disagree on which value wins; keep one`,
      path: [],
      severity: Severity.Error,
      source,
      range: rangeAt(lines, node.offset, node.offset + node.length),
    }),
  );
  if (duplicates.length > 0) throw new UserError(`${source} has duplicate keys`, { diagnostics: duplicates, exitCode: 2 });

  return {
    source,
    value,
    bytes: bytes.length,
    warnings,
    rangeOf: (path) => {
      for (let n = path.length; n >= 0; n--) {
        const node = findNodeAtLocation(tree, path.slice(0, n));
        if (node) {
          // For an object member, point at its key, as Spectral does.
          const target = node.parent?.type === "property" ? (node.parent.children?.[0] ?? node) : node;
          return rangeAt(lines, target.offset, target.offset + target.length);
        }
      }
      return position(0);
    },
  };
}

interface DecodeNote {
  readonly offset: number;
  readonly code: string;
  readonly message: string;
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, and, failing UTF-8, Windows-1252 (what "Latin-1" exports are). */
function decode(bytes: Uint8Array): { text: string; note: DecodeNote | undefined } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const rest = decode(bytes.subarray(3));
    return { text: rest.text, note: rest.note ?? { offset: 0, code: "import-bom", message: "byte-order mark at the start: skipped" } };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const encoding = bytes[0] === 0xff ? "utf-16le" : "utf-16be";
    return { text: new TextDecoder(encoding).decode(bytes.subarray(2)), note: { offset: 0, code: "import-encoding", message: `${encoding.toUpperCase()} text: read and written as UTF-8` } };
  }
  const bad = firstInvalidUtf8(bytes, 0);
  if (bad < 0) return { text: new TextDecoder("utf-8").decode(bytes), note: undefined };
  // Exports that are "Latin-1" are usually UTF-8 with a few Windows-1252 bytes pasted in: decode the valid
  // UTF-8 as UTF-8 and only the stray bytes as Windows-1252, so neither part is garbled.
  const utf8 = new TextDecoder("utf-8");
  const cp1252 = new TextDecoder("windows-1252");
  let text = "";
  let from = 0;
  let strays = 0;
  let firstOffset = -1;
  for (let at = bad; at >= 0; at = firstInvalidUtf8(bytes, from)) {
    text += utf8.decode(bytes.subarray(from, at));
    if (firstOffset < 0) firstOffset = text.length;
    text += cp1252.decode(bytes.subarray(at, at + 1));
    strays++;
    from = at + 1;
  }
  text += utf8.decode(bytes.subarray(from));
  const byte = bytes[bad] ?? 0;
  return {
    text,
    note: {
      offset: firstOffset,
      code: "import-encoding",
      message: `not UTF-8: ${strays} byte${strays === 1 ? "" : "s"} (the first 0x${byte.toString(16).toUpperCase().padStart(2, "0")}, here) read as Windows-1252 (Latin-1) "${text.charAt(firstOffset)}"; written as UTF-8: check the accented text`,
    },
  };
}

function firstInvalidUtf8(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

/** Offsets of commas directly before a closing bracket or brace (outside strings). */
function trailingCommas(text: string): number[] {
  const strict: ParseError[] = [];
  parseTree(text, strict, { allowTrailingComma: false, disallowComments: false });
  const found = new Set<number>();
  for (const e of strict) {
    const closer = text.charAt(e.offset);
    if (closer !== "}" && closer !== "]") continue;
    let k = e.offset - 1;
    while (k >= 0 && /\s/.test(text.charAt(k))) k--;
    if (text.charAt(k) === ",") found.add(k);
  }
  return [...found].sort((a, b) => a - b);
}

function toValue(node: JsonNode, duplicate: (node: JsonNode, key: string) => void): JsonValue {
  switch (node.type) {
    case "object": {
      const out: JsonObject = new Map();
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode) continue;
        const key = String(keyNode.value);
        if (out.has(key)) duplicate(keyNode, key);
        out.set(key, valueNode ? toValue(valueNode, duplicate) : null);
      }
      return out;
    }
    case "array":
      return (node.children ?? []).map((child) => toValue(child, duplicate));
    case "string":
    case "number":
    case "boolean":
      return node.value as string | number | boolean;
    default:
      return null;
  }
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: "unexpected character",
    InvalidNumberFormat: "not a valid number",
    PropertyNameExpected: "expected a property name in double quotes",
    ValueExpected: "expected a value",
    ColonExpected: "expected ':'",
    CommaExpected: "expected ',' (or a closing bracket)",
    CloseBraceExpected: "expected '}'",
    CloseBracketExpected: "expected ']'",
    EndOfFileExpected: "expected the end of the file: something follows the top-level value",
    InvalidCommentToken: "unterminated comment",
    UnexpectedEndOfComment: "unterminated comment",
    UnexpectedEndOfString: "unterminated string",
    UnexpectedEndOfNumber: "unterminated number",
    InvalidUnicode: "invalid \\u escape",
    InvalidEscapeCharacter: "invalid escape in a string",
    InvalidCharacter: "control character in a string: escape it (\\n, \\t)",
  };
  return words[code] ?? code;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function rangeAt(starts: readonly number[], from: number, to: number): Range {
  const at = (offset: number): { line: number; character: number } => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - (starts[low] ?? 0) };
  };
  return { start: at(from), end: at(to) };
}
