/**
 * What `conduit dev` prints for one save: one block, the stages in the order they ran (lint, generate, build,
 * reload), each with its time, and a stage that failed ends the block with what keeps running. Pure: app.ts fills
 * it in as the save goes, and prints it once.
 */

export interface LintOutcome {
  readonly errors: number;
  readonly warnings: number;
  /** `file:line:col  severity  message (rule)`, one per finding. */
  readonly findings: readonly string[];
}

export type StageOutcome =
  | { readonly ok: true; readonly ms: number; readonly text: string; readonly details?: readonly string[] }
  | { readonly ok: false; readonly text: string; readonly details: readonly string[] };

export interface SaveReport {
  /** The saved files, as the user names them (relative to the project). */
  readonly files: readonly string[];
  /** Lint of the spec, when it was saved and generated (undefined: not run, or no answer in time). */
  lint?: LintOutcome | undefined;
  generate?: StageOutcome;
  build?: StageOutcome;
  reload?: StageOutcome;
  /** Lines after the stages: seeding, what the app runs after a failure. */
  readonly notes: string[];
}

/** 14 ms, 980 ms, 5.1 s: no digit grouping, seconds from one second on. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

const LABEL_WIDTH = 9;

/** The block's lines, without dev's prefix. */
export function formatSaveReport(report: SaveReport): string[] {
  const shown = report.files.slice(0, 3).join(", ");
  const more = report.files.length > 3 ? ` and ${report.files.length - 3} more` : "";
  const lines = [`saved ${shown}${more}`];
  if (report.lint !== undefined) {
    const { errors, warnings, findings } = report.lint;
    const counts = [errors > 0 ? plural(errors, "error") : "", warnings > 0 ? plural(warnings, "warning") : ""].filter((t) => t !== "");
    lines.push(stageLine("lint", counts.length > 0 ? counts.join(", ") : "no findings"));
    lines.push(...findings.map((f) => `    ${f}`));
  }
  for (const [name, outcome] of [["generate", report.generate], ["build", report.build], ["reload", report.reload]] as const) {
    if (outcome === undefined) continue;
    lines.push(stageLine(name, outcome.ok ? `${formatMs(outcome.ms)}${outcome.text === "" ? "" : `  ${outcome.text}`}` : `failed: ${outcome.text}`));
    lines.push(...(outcome.details ?? []).map((d) => `    ${d}`));
  }
  lines.push(...report.notes.map((n) => `  ${n}`));
  return lines;
}

function stageLine(name: string, text: string): string {
  return `  ${name.padEnd(LABEL_WIDTH)} ${text}`;
}
