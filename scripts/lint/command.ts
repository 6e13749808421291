import type { ISpectralDiagnostic, Ruleset } from "@stoplight/spectral-core";
import type { Command } from "../cli.js";
import { Severity } from "../diagnostics.js";
import { projectLayout, readRoutePrefix } from "../project.js";
import { formatResults } from "./format.js";
import { openRevision } from "./git.js";
import { lintFiles, lintText, type LintReport } from "./lint-files.js";
import { inProcessRuleset, loadRulesetFile } from "./load-ruleset.js";
import { LINT_USAGE, parseLintArgs, type LintOptions, type SeverityName } from "./options.js";
import { createRuleset } from "./ruleset.js";
import { newFindings } from "./since.js";

/** Where the command writes; the CLI passes the process streams, tests pass buffers. */
export interface LintIo {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

const SEVERITY: Record<SeverityName, Severity> = {
  error: Severity.Error,
  warn: Severity.Warning,
  info: Severity.Information,
  hint: Severity.Hint,
};

/** Runs `conduit lint` and returns its exit code: 0 clean, 1 findings at or above the fail severity, 2 unusable input. */
export async function runLint(args: readonly string[], io: LintIo): Promise<number> {
  const options = parseLintArgs(args, io.cwd);
  if (options.help) {
    io.stdout(LINT_USAGE);
    return 0;
  }
  const started = performance.now();
  const ruleset = await loadProjectRuleset(options);
  const loaded = performance.now();
  const report = options.since === undefined ? await lintFiles(options.files, ruleset) : await lintSince(options.files, options.since, ruleset, io.cwd);
  const failSeverity = SEVERITY[options.failSeverity];
  const output = formatResults(report.results, options.format, ruleset, failSeverity);
  if (output.length > 0) io.stdout(output.endsWith("\n") ? output : `${output}\n`);
  if (options.format === "stylish") {
    const done = performance.now();
    const count = options.files.length;
    const clean = report.results.length === 0 ? "no findings; " : "";
    io.stderr(`conduit lint: ${clean}${count} file${count === 1 ? "" : "s"} in ${seconds(done - started)} (ruleset ${seconds(loaded - started)}, lint ${seconds(done - loaded)})\n`);
  }
  if (report.unreadable) return 2;
  return report.results.some((r) => r.severity <= failSeverity) ? 1 : 0;
}

/** Lints the files, then keeps only the findings each file did not have at `--since <ref>`. */
async function lintSince(files: readonly string[], since: string, ruleset: Ruleset, cwd: string): Promise<LintReport> {
  const revision = await openRevision(since, cwd);
  const results: ISpectralDiagnostic[] = [];
  let unreadable = false;
  for (const file of files) {
    const current = await lintFiles([file], ruleset);
    unreadable ||= current.unreadable;
    const before = await revision.read(file);
    const base = before === undefined ? [] : (await lintText(before, file, ruleset)).results;
    results.push(...newFindings(current.results, base));
  }
  return { results, unreadable };
}

/** `.spectral.yaml`, with the Power Platform ruleset it extends built here for this project's options. */
async function loadProjectRuleset(options: LintOptions): Promise<Ruleset> {
  const layout = projectLayout(options.root);
  const routePrefix = await readRoutePrefix(layout.hostJson);
  const rulesetOptions = { certification: options.certification, routePrefix, projectSpec: layout.spec };
  const key = JSON.stringify(rulesetOptions);
  return loadRulesetFile(options.ruleset, [inProcessRuleset(key, createRuleset(rulesetOptions))], key);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export const lintCommand: Command = {
  summary: "check the spec against Spectral's OpenAPI rules and Power Platform's",
  help: LINT_USAGE,
  run: (args) =>
    runLint(args, {
      cwd: process.cwd(),
      stdout: (text) => void process.stdout.write(text),
      stderr: (text) => void process.stderr.write(text),
    }),
};
