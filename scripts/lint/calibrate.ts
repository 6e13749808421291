/**
 * Lints connectors Power Platform accepted and counts, per rule, the connectors with a finding at each severity.
 * An error-level finding means "the platform refuses this", so on accepted connectors the error column must be
 * all zeros: a rule with errors there is wrong at that severity (scripts/lint/README.md, "What the severities
 * mean"). Used by `npm run bench:calibrate` on ../shared/corpus and ../shared/corpus-wide, and by a test on a
 * fixed sample of them.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { ISpectralDiagnostic, Ruleset } from "@stoplight/spectral-core";
import { lintFiles } from "./lint-files.js";

const FILES = ["apiDefinition.swagger.json", "apiProperties.json"];
const SEVERITIES = ["error", "warn", "info", "hint"] as const;

/** One accepted connector: a folder with its definition and properties files. */
export interface Connector {
  readonly name: string;
  readonly folder: string;
}

export interface RuleCounts {
  readonly rule: string;
  /** Connectors with at least one finding of this rule, per severity: error, warn, info, hint. */
  readonly connectors: readonly [number, number, number, number];
  readonly findings: number;
}

export interface Calibration {
  readonly connectors: number;
  readonly files: number;
  readonly rules: readonly RuleCounts[];
  /**
   * Files no JSON reader takes (a brace missing, text where a key belongs): the platform cannot have accepted
   * these bytes, so they say nothing about a rule; listed apart, with the parser's message.
   */
  readonly unreadable: readonly { readonly file: string; readonly message: string }[];
  readonly milliseconds: number;
}

/** Every connector folder under each directory, sorted by name within it. */
export function connectorsIn(...directories: string[]): Connector[] {
  return directories.flatMap((directory) =>
    readdirSync(directory, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => ({ name: e.name, folder: path.join(directory, e.name) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  );
}

/** Lints the connectors one file at a time in this process and counts connectors per rule and severity. */
export async function calibrate(connectors: readonly Connector[], ruleset: Ruleset, progress?: (done: number) => void): Promise<Calibration> {
  const started = performance.now();
  const hits = new Map<string, { sets: [Set<string>, Set<string>, Set<string>, Set<string>]; findings: number }>();
  const unreadable: { file: string; message: string }[] = [];
  let files = 0;
  for (const [index, connector] of connectors.entries()) {
    for (const name of FILES) {
      const file = path.join(connector.folder, name);
      if (!existsSync(file)) continue;
      files++;
      const report = await lintFiles([file], ruleset);
      // A syntax error only: a file conduit refuses for any other reason (size, aliases, $ref cycles) counts.
      const syntax = report.unreadable ? report.results.find((r) => r.severity === 0 && r.code === "parser") : undefined;
      if (syntax !== undefined) {
        unreadable.push({ file: `${connector.name}/${name}`, message: `${syntax.range.start.line + 1}:${syntax.range.start.character + 1} ${syntax.message}` });
        continue;
      }
      for (const result of report.results) count(hits, result, connector.name);
    }
    progress?.(index + 1);
  }
  const rules = [...hits.entries()]
    .map(([rule, { sets, findings }]): RuleCounts => ({ rule, findings, connectors: [sets[0].size, sets[1].size, sets[2].size, sets[3].size] }))
    .sort((a, b) => a.rule.localeCompare(b.rule));
  return { connectors: connectors.length, files, rules, unreadable, milliseconds: performance.now() - started };
}

function count(hits: Map<string, { sets: [Set<string>, Set<string>, Set<string>, Set<string>]; findings: number }>, result: ISpectralDiagnostic, connector: string): void {
  const code = String(result.code);
  let entry = hits.get(code);
  if (entry === undefined) {
    entry = { sets: [new Set(), new Set(), new Set(), new Set()], findings: 0 };
    hits.set(code, entry);
  }
  entry.sets[Math.min(Math.max(result.severity, 0), 3)]!.add(connector);
  entry.findings++;
}

/** The rules whose error column is not zero: each is wrong at that severity. */
export function falseErrors(calibration: Calibration): RuleCounts[] {
  return calibration.rules.filter((r) => r.connectors[0] > 0);
}

/** The table as Markdown: rule, connectors with an error / warn / info / hint finding, findings. */
export function formatCalibration(calibration: Calibration, options: { timing?: boolean } = {}): string {
  const totals = [0, 1, 2, 3].map((s) => calibration.rules.reduce((sum, r) => sum + (r.connectors[s] ?? 0), 0));
  const lines = [
    `${calibration.connectors} accepted connectors, ${calibration.files} files${options.timing === false ? "" : `, linted in ${(calibration.milliseconds / 1000).toFixed(1)} s`}.`,
    "Connectors with at least one finding of the rule, per severity (an error here is a false error).",
    "",
    `| Rule | ${SEVERITIES.join(" | ")} | findings |`,
    `|---|${SEVERITIES.map(() => "---:").join("|")}|---:|`,
    ...calibration.rules.map((r) => `| ${r.rule} | ${r.connectors.join(" | ")} | ${r.findings} |`),
    `| **rule-connector pairs** | ${totals.join(" | ")} | ${calibration.rules.reduce((sum, r) => sum + r.findings, 0)} |`,
  ];
  if (calibration.unreadable.length > 0) {
    lines.push("", "Files that no JSON reader takes (not what the platform accepted; left out of the table):", "");
    for (const u of calibration.unreadable) lines.push(`- ${u.file}: ${u.message}`);
  }
  return `${lines.join("\n")}\n`;
}
