/**
 * What `conduit dev` checks behind the reload, in a child process at the lowest CPU priority so that it never
 * slows the save → served path: the type check of the whole project (TypeScript's watch program, no emit, kept
 * warm so a save re-checks only what changed) and, when the parent asks after a spec change, lint with the
 * project's ruleset (loaded once). Findings are printed with file:line:col, prefixed [types] and [lint].
 */
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { runLint } from "../lint/command.js";

export type CheckerRequest = { readonly type: "lint" };

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
  host.afterProgramCreate = (program) => {
    afterProgramCreate?.(program);
    if (errors.length === 0) out("[types]", "no type errors");
    else out("[types]", `${errors.length} type error${errors.length === 1 ? "" : "s"} (the app still runs what was saved):\n${errors.slice(0, 20).map(format).join("\n")}`);
  };
  ts.createWatchProgram(host);
}

let linting: Promise<void> = Promise.resolve();

function lint(): void {
  linting = linting.then(async () => {
    let stdout = "";
    let stderr = "";
    await runLint([], { cwd: root, stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) }).catch((error: unknown) => {
      stderr += `${error instanceof Error ? error.message : String(error)}\n`;
    });
    if (stdout.trim() !== "") out("[lint]", stdout);
    if (stderr.trim() !== "") out("[lint]", stderr);
  });
}

lowerPriority();
process.on("message", (message: CheckerRequest) => {
  if (message.type === "lint") lint();
});
process.on("disconnect", () => process.exit(0));
process.on("SIGINT", () => {});
startTypeCheck();
lint();
