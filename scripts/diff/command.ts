/** `conduit diff <base> [head]`: flags, loading both sides, printing, exit codes. */
import { appendFile } from "node:fs/promises";
import type { Command } from "../cli.js";
import { UserError } from "../diagnostics.js";
import { diffSides } from "./diff.js";
import { FORMATTERS } from "./format/index.js";
import { formatMarkdown } from "./format/markdown.js";
import { loadSide } from "./load/load-side.js";
import { resolveSide } from "./load/side.js";
import { DIFF_USAGE, parseDiffArgs } from "./options.js";

/** Where the command writes; the CLI passes the process streams, tests pass buffers. */
export interface DiffIo {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Runs `conduit diff`: 0 nothing breaks (or --allow-breaking), 1 something breaks, 2 unusable input. */
export async function runDiff(args: readonly string[], io: DiffIo): Promise<number> {
  const options = parseDiffArgs(args, io.cwd);
  if (options.help) {
    io.stdout(DIFF_USAGE);
    return 0;
  }
  const [baseSource, headSource] = await Promise.all([
    resolveSide(options.base, options.spec, options.cwd, "base"),
    resolveSide(options.head, options.spec, options.cwd, "head"),
  ]);
  const [base, head] = await Promise.all([loadSide(baseSource), loadSide(headSource)]);
  const report = diffSides(base, head, { allowBreaking: options.allowBreaking });
  const output = FORMATTERS[options.format](report);
  if (output.length > 0) io.stdout(output);
  if (options.summary !== undefined) {
    try {
      await appendFile(options.summary, formatMarkdown(report));
    } catch (error) {
      throw new UserError(`cannot write the summary to ${options.summary}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { exitCode: 2 });
    }
  }
  if (report.newConnector && options.format !== "stylish" && options.format !== "markdown") {
    io.stderr(`conduit diff: ${report.base.label} has no ${report.base.file}: a new connector, so nothing can break\n`);
  }
  const breaking = report.findings.some((f) => f.severity === "breaking");
  return breaking && !options.allowBreaking ? 1 : 0;
}

export const diffCommand: Command = {
  summary: "say which flows and canvas apps a spec change breaks (against a git ref or a file)",
  help: DIFF_USAGE,
  run: (args) =>
    runDiff(args, {
      cwd: process.cwd(),
      stdout: (text) => void process.stdout.write(text),
      stderr: (text) => void process.stderr.write(text),
    }),
};
