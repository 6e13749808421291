/**
 * What `conduit dev` checks behind the reload, in a child process at the lowest CPU priority so that it never
 * slows the save → served path: the type check of the whole project (TypeScript's watch program, no emit, kept
 * warm so a save re-checks only what changed) and, when the parent asks after a spec change, lint with the
 * project's ruleset (loaded once). Type errors are printed with file:line:col, prefixed [types], when they change
 * (a save that generates rewrites several files, and each would otherwise print the same result again); lint's
 * findings go back to dev, which prints them in the save's block (the first lint, at start, is printed here).
 */
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { runLint } from "../lint/command.js";
import { plural, type LintOutcome } from "./report.js";

export type CheckerRequest = { readonly type: "lint"; readonly id: number };
export type CheckerReply = { readonly type: "lint"; readonly id: number; readonly outcome: LintOutcome };

const root = process.cwd();

function out(prefix: string, text: string): void {
  const lines = text.replace(/\n+$/, "").split("\n");
  process.stdout.write(`${lines.map((line) => `${prefix} ${line}`).join("\n")}\n`);
}

function lowerPriority(): void {
  try {
    os.setPriority(19);
  } catch {
    // Not permitted here: run at normal priority.
  }
}

function startTypeCheck(): void {
  const configFile = ts.findConfigFile(root, ts.sys.fileExists, "tsconfig.json");
  if (configFile === undefined) {
    out("[types]", "no tsconfig.json: not type checking");
    return;
  }
  let errors: ts.Diagnostic[] = [];
  const format = (d: ts.Diagnostic): string => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (d.file === undefined || d.start === undefined) return `error TS${d.code}: ${message}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(root, d.file.fileName)}:${line + 1}:${character + 1}  error TS${d.code}  ${message}`;
  };
  const host = ts.createWatchCompilerHost(
    configFile,
    // No output (dev writes dist/ itself) and no build info file (that is the real build's).
    { noEmit: true, incremental: false, tsBuildInfoFile: undefined },
    ts.sys,
    ts.createSemanticDiagnosticsBuilderProgram,
    (diagnostic) => {
      if (diagnostic.category === ts.DiagnosticCategory.Error) errors.push(diagnostic);
    },
    (status) => {
      // 6031/6032: starting, file change detected: a new round of diagnostics begins.
      if (status.code === 6031 || status.code === 6032) errors = [];
    },
  );
  const afterProgramCreate = host.afterProgramCreate;
  let last = "";
  host.afterProgramCreate = (program) => {
    afterProgramCreate?.(program);
    const text =
      errors.length === 0
        ? "no type errors"
        : `${plural(errors.length, "type error")} (type errors alone do not stop a reload):\n${errors.slice(0, 20).map(format).join("\n")}`;
    if (text !== last) out("[types]", text);
    last = text;
  };
  ts.createWatchProgram(host);
}

interface LintJsonResult {
  readonly code: string | number;
  readonly message: string;
  readonly severity: number;
  readonly source?: string;
  readonly range: { readonly start: { readonly line: number; readonly character: number } };
}

/** Lint's findings, errors and warnings only (infos and hints are for `conduit lint`), at most 20 lines. */
async function lintOutcome(): Promise<LintOutcome> {
  let stdout = "";
  let stderr = "";
  await runLint(["--format", "json"], { cwd: root, stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) }).catch((error: unknown) => {
    stderr += `${error instanceof Error ? error.message : String(error)}\n`;
  });
  let results: LintJsonResult[];
  try {
    results = JSON.parse(stdout) as LintJsonResult[];
  } catch {
    return { errors: 1, warnings: 0, findings: [(stderr || stdout).trim() || "lint did not run"] };
  }
  const shown = results.filter((r) => r.severity <= 1);
  const findings = shown.slice(0, 20).map((r) => {
    const file = r.source === undefined ? "" : path.relative(root, r.source);
    return `${file}:${r.range.start.line + 1}:${r.range.start.character + 1}  ${r.severity === 0 ? "error" : "warning"}  ${r.message} (${String(r.code)})`;
  });
  if (shown.length > findings.length) findings.push(`… and ${shown.length - findings.length} more: run conduit lint`);
  return { errors: shown.filter((r) => r.severity === 0).length, warnings: shown.filter((r) => r.severity === 1).length, findings };
}

let linting: Promise<unknown> = Promise.resolve();

function lint(id: number | undefined): void {
  linting = linting.then(async () => {
    const outcome = await lintOutcome();
    if (id !== undefined) {
      const reply: CheckerReply = { type: "lint", id, outcome };
      if (process.connected) process.send?.(reply);
      return;
    }
    const counts = [outcome.errors > 0 ? plural(outcome.errors, "error") : "", outcome.warnings > 0 ? plural(outcome.warnings, "warning") : ""].filter((t) => t);
    out("[lint]", [counts.length > 0 ? counts.join(", ") : "no findings", ...outcome.findings.map((f) => `  ${f}`)].join("\n"));
  });
}

lowerPriority();
process.on("message", (message: CheckerRequest) => {
  if (message.type === "lint") lint(message.id);
});
process.on("disconnect", () => process.exit(0));
process.on("SIGINT", () => {});
startTypeCheck();
lint(undefined);
