/** What `conduit diff` reports: one finding per change, with a stable code, a severity and places on both sides. */
import type { Range } from "../../diagnostics.js";
import type { JsonPath, Place } from "../../model/contract/contract.js";

export type ChangeSeverity = "breaking" | "warning" | "safe";

export const SEVERITY_ORDER: readonly ChangeSeverity[] = ["breaking", "warning", "safe"];

/**
 * Every code `conduit diff` can report, with its usual severity and what it means. Codes are stable: CI filters,
 * docs and tests name them. Some findings take another severity from context (an internal input removed is a
 * warning, not breaking); the finding carries the one that applies.
 */
export const FINDING_CODES = {
  "base-path-changed": { severity: "breaking", means: "basePath changed: every operation's URL changes" },
  "host-changed": { severity: "warning", means: "host changed: every existing connection calls the new host" },
  "security-changed": { severity: "breaking", means: "a security definition changed or was removed: existing connections may stop working" },
  "operation-removed": { severity: "breaking", means: "an operation was removed" },
  "operation-id-renamed": { severity: "breaking", means: "an operation kept its path and method but got another operationId" },
  "path-changed": { severity: "breaking", means: "an operation's path template changed" },
  "method-changed": { severity: "breaking", means: "an operation's HTTP method changed" },
  "operation-kind-changed": { severity: "breaking", means: "an action became a trigger or the other way round" },
  "operation-hidden": { severity: "warning", means: "an operation became x-ms-visibility: internal" },
  "operation-deprecated": { severity: "safe", means: "an operation was marked deprecated (the documented first step before removal)" },
  "operation-added": { severity: "safe", means: "a new operation" },
  "input-removed": { severity: "breaking", means: "an input (parameter or body field) was removed; a warning when it was internal" },
  "input-renamed": { severity: "breaking", means: "an input got another name in the same place" },
  "input-moved": { severity: "breaking", means: "an input moved to another location (query, header, path, body, formData)" },
  "input-made-required": { severity: "breaking", means: "an optional input became required" },
  "input-added-required": { severity: "breaking", means: "a new required input (with a default or internal too: flows already saved do not send it)" },
  "input-made-optional": { severity: "breaking", means: "a required top-level input became optional: canvas apps pass it in the record now; safe for nested fields and triggers" },
  "input-reordered": { severity: "breaking", means: "the required inputs, passed positionally by canvas apps, changed order" },
  "input-type-changed": { severity: "breaking", means: "an input's type changed" },
  "input-format-changed": { severity: "warning", means: "an input's format changed (safe when it was dropped)" },
  "input-enum-added": { severity: "breaking", means: "an input that took any value now has an enum (Power Platform's change check rates it breaking)" },
  "input-enum-narrowed": { severity: "breaking", means: "values were removed from an input's enum" },
  "input-enum-widened": { severity: "safe", means: "values were added to an input's enum, or the enum was dropped" },
  "input-hidden": { severity: "breaking", means: "a required input became internal; a warning for an optional one" },
  "input-unhidden": { severity: "safe", means: "an internal input became visible; breaking when it is required" },
  "input-default-changed": { severity: "warning", means: "an input's default, or what the platform sends for an internal input, changed" },
  "input-added-optional": { severity: "safe", means: "new optional inputs" },
  "output-removed": { severity: "breaking", means: "an output field was removed" },
  "output-type-changed": { severity: "breaking", means: "an output field's type changed" },
  "output-format-changed": { severity: "warning", means: "an output field's format changed" },
  "response-schema-replaced": { severity: "breaking", means: "the success response's schema was swapped for another (or removed); safe when nothing was lost" },
  "output-added": { severity: "safe", means: "new output fields" },
  "wording-changed": { severity: "safe", means: "summaries, descriptions, x-ms-summary or designer placement (important, advanced) changed" },
} as const satisfies Record<string, { severity: ChangeSeverity; means: string }>;

export type FindingCode = keyof typeof FINDING_CODES;

export interface Finding<P = Place> {
  readonly code: FindingCode;
  readonly severity: ChangeSeverity;
  /** The operationId it concerns (`A → B` for a rename); "" for connector-wide changes. */
  readonly operation: string;
  /** What changed, in one sentence. */
  readonly message: string;
  /** What it means for existing flows, when it means something for them. */
  readonly flows?: string;
  /** What it means for canvas apps (Power Fx calls), when it means something for them. */
  readonly canvas?: string;
  /** How to make the change without breaking anyone (for breaking changes and warnings). */
  readonly advice?: string;
  readonly base?: P;
  readonly head?: P;
}

/** A place ready to print: the file as the user knows it, the git revision it was read at, and its range. */
export interface ReportedPlace {
  /** Path as printed (repository-relative for git revisions, as given or cwd-relative for files). */
  readonly file: string;
  /** The git ref the file was read at; undefined for files on disk. */
  readonly revision?: string;
  readonly path: JsonPath;
  /** Zero-based, as in Spectral and LSP. */
  readonly range: Range;
}

export type ReportedFinding = Finding<ReportedPlace>;

export function compareFindings<P>(a: Finding<P>, b: Finding<P>): number {
  return (
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
    (a.operation < b.operation ? -1 : a.operation > b.operation ? 1 : 0) ||
    CODE_ORDER.indexOf(a.code) - CODE_ORDER.indexOf(b.code) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

const CODE_ORDER = Object.keys(FINDING_CODES) as FindingCode[];
