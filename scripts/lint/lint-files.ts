import spectralCore from "@stoplight/spectral-core";
import type { ISpectralDiagnostic, Ruleset } from "@stoplight/spectral-core";
import { Severity } from "../diagnostics.js";
import { isObject } from "./connector/json.js";
import { readLintSource, toDocument, type LintSource } from "./source.js";

const { Spectral } = spectralCore;

/** What linting some files found, and whether any of them could not be linted at all (exit code 2). */
export interface LintReport {
  readonly results: ISpectralDiagnostic[];
  readonly unreadable: boolean;
}

/** Lints each file with one Spectral instance; files are independent, results keep the order of the files. */
export async function lintFiles(files: readonly string[], ruleset: Ruleset): Promise<LintReport> {
  const spectral = new Spectral();
  spectral.setRuleset(ruleset);
  const results: ISpectralDiagnostic[] = [];
  let unreadable = false;
  for (const file of files) {
    const outcome = await lintSource(spectral, await readLintSource(file));
    results.push(...outcome.results);
    unreadable ||= outcome.unreadable;
  }
  return { results, unreadable };
}

/** Lints text that is already in memory (another version of a file, a test's inline document). */
export async function lintText(text: string, source: string, ruleset: Ruleset): Promise<LintReport> {
  const spectral = new Spectral();
  spectral.setRuleset(ruleset);
  return lintSource(spectral, toDocument(text, source));
}

type SpectralInstance = InstanceType<typeof Spectral>;

async function lintSource(spectral: SpectralInstance, source: LintSource): Promise<LintReport> {
  // A file that cannot be read safely, or at all, leaves no trustworthy document: report why, alone.
  if (source.kind === "unreadable") return { results: [...source.diagnostics], unreadable: true };
  const { document, notes, text } = source;
  if (!isObject(document.data)) {
    const message = "Expected a Swagger 2.0 definition or an apiProperties file: the top level must be an object.";
    const at = { line: 0, character: 0 };
    return { results: [...notes, { code: "parser", message, path: [], severity: Severity.Error as number, source: document.source ?? undefined, range: { start: at, end: at } }], unreadable: true };
  }
  const results = withoutCascades((await spectral.run(document)).map(explainUnrecognized)).map((r) => atKey(r, text));
  return { results: [...notes, ...results.sort(byPosition)], unreadable: false };
}

/** Findings about a key itself (its spelling), which belong at the key; Spectral places a path at its value. */
const KEY_FINDINGS: Readonly<Record<string, RegExp>> = {
  "pp-oas2-schema": /^Unknown key /,
  "pp-extension-unknown": /./,
};

/** The finding moved from the key's value to the key, on the same line, where generate reports it too. */
function atKey(result: ISpectralDiagnostic, text: string): ISpectralDiagnostic {
  const only = KEY_FINDINGS[String(result.code)];
  const key = result.path.at(-1);
  if (only === undefined || !only.test(result.message) || typeof key !== "string") return result;
  const { line, character } = result.range.start;
  const lineText = text.split("\n", line + 1)[line] ?? "";
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  let found: number | undefined;
  for (const match of lineText.slice(0, character).matchAll(new RegExp(`(["']?)${escaped}\\1\\s*:`, "g"))) found = match.index;
  if (found === undefined) return result;
  const start = { line, character: found };
  return { ...result, range: { start, end: { line, character: found + key.length } } };
}

/**
 * `type: integr` is one mistake: pp-oas2-schema names it with the types allowed, so Spectral's typed-enum does
 * not add a warning per enum value that it "must be integr".
 */
function withoutCascades(results: ISpectralDiagnostic[]): ISpectralDiagnostic[] {
  const badTypes = new Set(results.filter((r) => r.code === "pp-oas2-schema" && r.path.at(-1) === "type").map((r) => JSON.stringify(r.path.slice(0, -1).map(String))));
  if (badTypes.size === 0) return results;
  return results.filter((r) => {
    if (r.code !== "typed-enum") return true;
    const at = r.path.lastIndexOf("enum");
    return at < 0 || !badTypes.has(JSON.stringify(r.path.slice(0, at).map(String)));
  });
}

/** Spectral's "does not match any of the registered formats", said in this tool's terms, as an error. */
function explainUnrecognized(result: ISpectralDiagnostic): ISpectralDiagnostic {
  if (result.code !== "unrecognized-format") return result;
  return {
    ...result,
    severity: Severity.Error as number,
    message: 'Not a connector file: neither a Swagger 2.0 definition ("swagger": "2.0") nor an apiProperties file ({ "properties": { … } }).',
  };
}

function byPosition(a: ISpectralDiagnostic, b: ISpectralDiagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || String(a.code).localeCompare(String(b.code));
}
