/**
 * Syntax errors in JSON spec files, said in JSON's terms and once: the first problem, where it is. Power
 * Platform's reader (Json.NET) takes trailing commas, so they are not errors here either; the caller warns.
 */
import path from "node:path";
import { createScanner, parse, printParseErrorCode, SyntaxKind, type ParseError } from "jsonc-parser";
import { Severity, type Diagnostic, type Range } from "../diagnostics.js";

/** JSON by extension, or by its first character when the extension says neither. */
export function looksLikeJson(source: string, text: string): boolean {
  const ext = path.extname(source).toLowerCase();
  if (ext === ".json") return true;
  if (ext === ".yaml" || ext === ".yml") return false;
  return text.trimStart().startsWith("{");
}

/** The first syntax error of JSON text (trailing commas allowed), or undefined when it parses. */
export function jsonSyntaxError(text: string, source: string): Diagnostic | undefined {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first === undefined) return undefined;
  const lines = lineStarts(text);
  return {
    code: "parser",
    message: JSON_MESSAGES[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error),
    path: [],
    severity: Severity.Error,
    source,
    range: { start: positionAt(lines, first.offset), end: positionAt(lines, first.offset + first.length) },
  };
}

const JSON_MESSAGES: Record<string, string> = {
  InvalidSymbol: "Unexpected character: not JSON here (strings take double quotes, keys too).",
  InvalidNumberFormat: "Invalid number.",
  PropertyNameExpected: "Expected a property name in double quotes.",
  ValueExpected: "Expected a value.",
  ColonExpected: "Expected ':' after the property name.",
  CommaExpected: "Expected ',' between two entries.",
  CloseBraceExpected: "Expected '}': an object is not closed.",
  CloseBracketExpected: "Expected ']': an array is not closed.",
  EndOfFileExpected: "Expected the end of the file: there is text after the top-level value.",
  InvalidCommentToken: "Invalid comment.",
  UnexpectedEndOfComment: "A comment is not closed.",
  UnexpectedEndOfString: "A string is not closed: add the closing '\"'.",
  UnexpectedEndOfNumber: "A number is cut short.",
  InvalidUnicode: "Invalid \\u escape in a string.",
  InvalidEscapeCharacter: "Invalid escape in a string: write \\\\ for a backslash.",
  InvalidCharacter: "A control character in a string: escape it (\\n, \\t).",
};

/**
 * The closers a JSON text lacks when it simply ends too early (`{"a": [1` lacks `]}`), or undefined when its
 * brackets do not just run out (a mismatch, or nothing missing).
 */
export function missingClosers(text: string): string | undefined {
  const scanner = createScanner(text, true);
  const open: string[] = [];
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken) open.push("}");
    else if (token === SyntaxKind.OpenBracketToken) open.push("]");
    else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      if (open.pop() !== (token === SyntaxKind.CloseBraceToken ? "}" : "]")) return undefined;
    }
  }
  return open.length > 0 ? open.reverse().join("") : undefined;
}

/** Offsets of commas that stand just before a closing '}' or ']' (comments and whitespace between are allowed). */
export function trailingCommaOffsets(text: string): number[] {
  const scanner = createScanner(text, true);
  const offsets: number[] = [];
  let comma = -1;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.CommaToken) {
      comma = scanner.getTokenOffset();
      continue;
    }
    if (comma >= 0 && (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken)) offsets.push(comma);
    comma = -1;
  }
  return offsets;
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

export function positionAt(lines: readonly number[], offset: number): Range["start"] {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - lines[low]! };
}
