import { readFile } from "node:fs/promises";
import path from "node:path";
import spectralCore from "@stoplight/spectral-core";
import type { ISpectralDiagnostic } from "@stoplight/spectral-core";
import spectralParsers from "@stoplight/spectral-parsers";
import type { JsonParserResult, YamlParserResult } from "@stoplight/spectral-parsers";
import { Severity } from "../diagnostics.js";

const { Document } = spectralCore;
/** Any Spectral document, whichever parser made it. */
export type SpectralDocument = spectralCore.Document<unknown, JsonParserResult<unknown>> | spectralCore.Document<unknown, YamlParserResult<unknown>>;

/** A file ready for Spectral, or the reason it cannot be linted at all. */
export type LintSource =
  | { readonly kind: "document"; readonly document: SpectralDocument; readonly notes: readonly ISpectralDiagnostic[]; readonly text: string }
  | { readonly kind: "unreadable"; readonly diagnostic: ISpectralDiagnostic };

const ZERO = { line: 0, character: 0 };

/** Reads one file into a Spectral document; a file that cannot be read becomes a positioned diagnostic. */
export async function readLintSource(file: string): Promise<LintSource> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : `cannot be read (${code ?? "unknown error"})`;
    return { kind: "unreadable", diagnostic: fileDiagnostic(file, `${path.basename(file)}: ${why}`, Severity.Error) };
  }
  const parsed = toDocument(text, file);
  return { kind: "document", ...parsed };
}

/**
 * Rewords the parsers' diagnostics where they are cryptic: jsonc reports a trailing comma as "Property name
 * expected" and "Value expected" at the closing bracket. Each position is reported once.
 */
export function explainParserDiagnostics(text: string, diagnostics: readonly ISpectralDiagnostic[]): ISpectralDiagnostic[] {
  const lines = text.split("\n");
  const seen = new Set<string>();
  const explained: ISpectralDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const { line, character } = diagnostic.range.start;
    const closing = (lines[line] ?? "").charAt(character);
    const before = text.slice(0, offsetOf(lines, line, character)).trimEnd();
    const trailingComma = (closing === "}" || closing === "]") && before.endsWith(",");
    const message = trailingComma ? `Trailing comma before '${closing}': JSON does not allow one; remove the comma.` : diagnostic.message;
    const key = `${line}:${character}:${trailingComma ? "comma" : message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    explained.push({ ...diagnostic, message });
  }
  return explained;
}

function offsetOf(lines: readonly string[], line: number, character: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset += (lines[i] ?? "").length + 1;
  return offset + character;
}

/** Parses text as JSON or YAML with positions; the parser's own complaints stay in `document.diagnostics`. */
export function toDocument(text: string, source: string): { document: SpectralDocument; notes: ISpectralDiagnostic[]; text: string } {
  const notes: ISpectralDiagnostic[] = [];
  let body = text;
  if (body.charCodeAt(0) === 0xfeff) {
    // Spectral reads past a byte-order mark; paconn (Python's json.load) and some other readers refuse it.
    body = body.slice(1);
    notes.push(fileDiagnostic(source, "The file starts with a UTF-8 byte-order mark, which paconn and some JSON readers refuse: save it as UTF-8 without BOM.", Severity.Warning));
  }
  const document: SpectralDocument = looksLikeJson(source, body)
    ? new Document(body, spectralParsers.Json, source)
    : new Document(body, spectralParsers.Yaml, source);
  return { document, notes, text: body };
}

function looksLikeJson(source: string, text: string): boolean {
  const ext = path.extname(source).toLowerCase();
  if (ext === ".json") return true;
  if (ext === ".yaml" || ext === ".yml") return false;
  return text.trimStart().startsWith("{");
}

function fileDiagnostic(source: string, message: string, severity: Severity): ISpectralDiagnostic {
  return { code: "parser", message, path: [], severity: severity as number, source, range: { start: ZERO, end: ZERO } };
}
