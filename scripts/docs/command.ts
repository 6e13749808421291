/** `conduit docs`: flags, reading the definition, printing or writing the reference. */
import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "../cli.js";
import { UserError } from "../diagnostics.js";
import { fileSide } from "../diff/load/side.js";
import { formatReference, loadReference } from "./docs.js";
import { DOCS_USAGE, parseDocsArgs } from "./options.js";

export interface DocsIo {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** 0 printed or written; 2 unreadable input or bad usage (thrown as UserError). */
export async function runDocs(args: readonly string[], io: DocsIo): Promise<number> {
  const options = parseDocsArgs(args, io.cwd);
  if (options.help) {
    io.stdout(DOCS_USAGE);
    return 0;
  }
  const info = await stat(options.spec).catch(() => undefined);
  if (!info?.isFile()) {
    const shown = path.relative(io.cwd, options.spec) || options.spec;
    throw new UserError(`cannot read ${shown}: ${info ? "it is a directory" : "no such file"} (name the connector definition with --spec FILE)`, { exitCode: 2 });
  }
  const started = performance.now();
  const reference = await loadReference(fileSide(options.spec, io.cwd));
  const text = formatReference(reference, options.format);
  if (options.out === undefined) {
    io.stdout(text);
    return 0;
  }
  try {
    await mkdir(path.dirname(options.out), { recursive: true });
    await writeFile(options.out, text);
  } catch (error) {
    throw new UserError(`cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { exitCode: 2 });
  }
  const actions = reference.operations.filter((d) => d.kind === "action").length;
  const triggers = reference.operations.filter((d) => d.kind === "trigger").length;
  io.stderr(`wrote ${path.relative(io.cwd, options.out) || options.out}: ${actions} actions, ${triggers} triggers (${Math.round(performance.now() - started)} ms)\n`);
  return 0;
}

export const docsCommand: Command = {
  summary: "print what makers meet per action: the Power Fx call, its result, the flow card",
  help: DOCS_USAGE,
  run: (args) =>
    runDocs(args, {
      cwd: process.cwd(),
      stdout: (text) => void process.stdout.write(text),
      stderr: (text) => void process.stderr.write(text),
    }),
};
