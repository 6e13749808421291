import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import spectralCore from "@stoplight/spectral-core";
import type { ISpectralDiagnostic } from "@stoplight/spectral-core";
import spectralParsers from "@stoplight/spectral-parsers";
import type { JsonParserResult, YamlParserResult } from "@stoplight/spectral-parsers";
import { LineCounter, parseDocument } from "yaml";
import { Severity, UserError, type Diagnostic } from "../diagnostics.js";
import { parseSourceDocument } from "../spec/document.js";
import { aliasProblem, nestingProblem, refCycleProblem, refCycles, sizeProblem, textSizeProblem } from "../spec/guards.js";
import { noSuchFile } from "../spec/missing.js";
import { jsonSyntaxError, lineStarts, looksLikeJson, missingClosers, positionAt, trailingCommaOffsets } from "../spec/syntax.js";

const { Document } = spectralCore;
/** Any Spectral document, whichever parser made it. */
export type SpectralDocument = spectralCore.Document<unknown, JsonParserResult<unknown>> | spectralCore.Document<unknown, YamlParserResult<unknown>>;

/** A file ready for Spectral, or the findings that say why it cannot be linted at all (exit code 2). */
export type LintSource =
  | { readonly kind: "document"; readonly document: SpectralDocument; readonly notes: readonly ISpectralDiagnostic[]; readonly text: string }
  | { readonly kind: "unreadable"; readonly diagnostics: readonly ISpectralDiagnostic[] };

const ZERO = { line: 0, character: 0 };

/** Reads one file into a Spectral document; a file that cannot be read becomes a positioned diagnostic. */
export async function readLintSource(file: string): Promise<LintSource> {
  let text: string;
  try {
    const tooLarge = sizeProblem((await stat(file)).size, file);
    if (tooLarge) return { kind: "unreadable", diagnostics: [toSpectral(tooLarge)] };
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? noSuchFile(file) : code === "EISDIR" ? "it is a directory" : `cannot be read (${code ?? "unknown error"})`;
    return { kind: "unreadable", diagnostics: [fileDiagnostic(file, `${path.basename(file)}: ${why}`, Severity.Error)] };
  }
  return toDocument(text, file);
}

/**
 * Parses text as JSON or YAML with positions, behind the guards every command shares (scripts/spec/guards.ts).
 * What Power Platform's reader tolerates is a warning and the file is linted: a byte-order mark, trailing commas,
 * duplicate keys (`parserOptions` in .spectral.yaml). A syntax error is one finding, the first, worded as
 * `conduit generate` and `bundle` word it.
 */
export function toDocument(text: string, source: string): LintSource {
  const tooLarge = textSizeProblem(text, source);
  if (tooLarge) return { kind: "unreadable", diagnostics: [toSpectral(tooLarge)] };
  const notes: ISpectralDiagnostic[] = [];
  let body = text;
  if (body.charCodeAt(0) === 0xfeff) {
    // Spectral reads past a byte-order mark; paconn (Python's json.load) and some other readers refuse it.
    body = body.slice(1);
    notes.push(fileDiagnostic(source, "The file starts with a UTF-8 byte-order mark, which paconn and some JSON readers refuse: save it as UTF-8 without BOM.", Severity.Warning));
  }
  const tooDeep = nestingProblem(body, source);
  if (tooDeep) return { kind: "unreadable", diagnostics: [...notes, toSpectral(tooDeep)] };
  const json = looksLikeJson(source, body);
  if (!json) {
    const bomb = yamlAliasProblem(body, source);
    if (bomb) return { kind: "unreadable", diagnostics: [...notes, bomb] };
  }
  let document = parse(body, source, json);
  if (hasErrors(document)) {
    const broken = json ? jsonSyntaxError(body, source) : yamlSyntaxError(body, source);
    const lenient = json && broken !== undefined ? readLeniently(body, source) : undefined;
    if (lenient !== undefined && broken !== undefined) {
      // Microsoft's repository holds accepted connectors whose JSON has such mistakes (a brace short), so they are
      // not errors by this project's evidence rule; lint reads on and says what strict readers will refuse.
      notes.push({ ...toSpectral(broken), severity: Severity.Warning as number, message: `${broken.message} Accepted connectors have such files, but strict JSON readers (paconn's, for one) refuse them; lint read it ${lenient.how}. Fix the syntax.` });
      return withoutCycles(lenient.document, notes, source, body);
    }
    if (broken !== undefined || !json) return { kind: "unreadable", diagnostics: [...notes, broken ? toSpectral(broken) : firstError(document)] };
    // Only trailing commas, which Spectral's JSON parser refuses: lint the text without them, at the same offsets.
    const commas = trailingCommaOffsets(body);
    let blanked = body;
    for (const offset of commas) blanked = `${blanked.slice(0, offset)} ${blanked.slice(offset + 1)}`;
    document = parse(blanked, source, json);
    if (hasErrors(document)) return { kind: "unreadable", diagnostics: [...notes, firstError(document)] };
    const lines = lineStarts(body);
    for (const offset of commas) {
      const at = positionAt(lines, offset);
      notes.push({ code: "parser", message: "Trailing comma: Power Platform's reader ignores it, but paconn (Python's json) and strict JSON readers refuse the file; remove the comma.", path: [], severity: Severity.Warning as number, source, range: { start: at, end: { line: at.line, character: at.character + 1 } } });
    }
  }
  return withoutCycles(document, notes, source, body);
}

function withoutCycles(document: SpectralDocument, notes: ISpectralDiagnostic[], source: string, text: string): LintSource {
  const cycles = refCycles(document.data);
  if (cycles.length > 0) {
    const ranges = cycles.map((c) => document.getRangeForJsonPath([...c.path, "$ref"], true) ?? { start: ZERO, end: ZERO });
    return { kind: "unreadable", diagnostics: [...notes, ...cycles.map((c, i) => toSpectral(refCycleProblem(c, source, ranges[i]!)))] };
  }
  return { kind: "document", document, notes, text };
}

/**
 * JSON text that is not JSON but that YAML (a superset) reads without error, as the shared loader reads it; or
 * text that only ends before its objects close (closed after the end, so every position stays where it was).
 */
function readLeniently(text: string, source: string): { document: SpectralDocument; how: string } | undefined {
  if (yamlAliasProblem(text, source) !== undefined) return undefined;
  const closers = missingClosers(text);
  const document = closers === undefined ? parse(text, source, false) : parse(`${text}\n${closers}`, source, true);
  if (hasErrors(document)) return undefined;
  return { document, how: closers === undefined ? "as YAML (a superset of JSON)" : `as if it ended with ${closers}` };
}

function parse(text: string, source: string, json: boolean): SpectralDocument {
  return json ? new Document(text, spectralParsers.Json, source) : new Document(text, spectralParsers.Yaml, source);
}

// Spectral itself reports these when it runs, at the severity `parserOptions` in the ruleset gives them.
const RULESET_SEVERITY = /^(Duplicate key|Mapping key must be a string scalar)/;

function isSyntaxError(diagnostic: ISpectralDiagnostic): boolean {
  return diagnostic.severity === (Severity.Error as number) && !RULESET_SEVERITY.test(diagnostic.message);
}

function hasErrors(document: SpectralDocument): boolean {
  return document.diagnostics.some(isSyntaxError);
}

function firstError(document: SpectralDocument): ISpectralDiagnostic {
  return document.diagnostics.find(isSyntaxError)!;
}

/** The shared loader's first syntax error, so that lint, generate and bundle say the same thing. */
function yamlSyntaxError(text: string, source: string): Diagnostic | undefined {
  try {
    parseSourceDocument(text, source);
    return undefined;
  } catch (error) {
    if (error instanceof UserError) return error.diagnostics[0];
    throw error;
  }
}

/** Spectral's YAML parser expands aliases as it reads: an alias bomb must be stopped before it. */
function yamlAliasProblem(text: string, source: string): ISpectralDiagnostic | undefined {
  if (!text.includes("&") || !text.includes("*")) return undefined;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
  const span = (pos: readonly [number, number]) => {
    const start = lineCounter.linePos(pos[0]);
    const end = lineCounter.linePos(pos[1]);
    return { start: { line: start.line - 1, character: start.col - 1 }, end: { line: end.line - 1, character: end.col - 1 } };
  };
  const problem = aliasProblem(doc, source, span);
  return problem && toSpectral(problem);
}

function toSpectral(diagnostic: Diagnostic): ISpectralDiagnostic {
  return { ...diagnostic, severity: diagnostic.severity as number };
}

function fileDiagnostic(source: string, message: string, severity: Severity): ISpectralDiagnostic {
  return { code: "parser", message, path: [], severity: severity as number, source, range: { start: ZERO, end: ZERO } };
}
