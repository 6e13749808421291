/**
 * What generate refuses: the error findings of lint's rules whose subject is what generated code is made of
 * (operation names, path parameters, the parameter list). Lint and generate then say the same thing in the same
 * words; a spec with two operationIds that differ only in case, or a path variable no parameter declares, gets
 * no stubs nor types that a later fix would leave behind.
 */
import { Severity, type Diagnostic } from "../diagnostics.js";
import type { ConnectorRule } from "../lint/rule.js";
import { RULES } from "../lint/rules/index.js";
import type { SourceDocument } from "../spec/document.js";

/** Rule ids, from lint's registry. Each reads the whole document (`given: "$"`). */
export const BLOCKING_RULES = ["pp-operation-id", "pp-path-parameters", "pp-parameter-unique", "pp-oas2-schema"] as const satisfies readonly (keyof typeof RULES)[];

/**
 * Of the schema's findings, generate refuses only a misspelt field that generated code is made of: `paramters`
 * or `operationID` would otherwise give an operation without its parameters or name, silently. Prose fields
 * (a misspelt `descripton`) and everything else the schema check says are lint's alone.
 */
const PROSE_FIELDS = new Set(["description", "summary", "title", "tags", "externalDocs", "example", "examples", "xml", "termsOfService", "contact", "license", "deprecated"]);
const FILTERS: Partial<Record<(typeof BLOCKING_RULES)[number], (message: string) => boolean>> = {
  "pp-oas2-schema": (message) => {
    const meant = /^Unknown key .* — did you mean (.*)\?$/.exec(message)?.[1];
    return meant !== undefined && !PROSE_FIELDS.has(meant);
  },
};

/** The blocking rules' findings on `data` (the document with other files' references inlined), positioned. */
export function generationBlockers(document: SourceDocument, data: unknown): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const id of BLOCKING_RULES) {
    const rule: ConnectorRule = RULES[id];
    if (rule.severity !== "error") continue;
    if (rule.given !== "$") throw new Error(`${id} is not a whole-document rule; generate cannot run it on its own`);
    const keep = FILTERS[id] ?? (() => true);
    for (const finding of rule.check(data, { root: data, path: [], source: document.source, options: {} })) {
      if (!keep(finding.message)) continue;
      const path = [...finding.path];
      diagnostics.push({ code: id, message: finding.message, path, severity: Severity.Error, source: document.source, range: document.rangeOf(path) });
    }
  }
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
