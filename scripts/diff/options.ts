import path from "node:path";
import { parseArgs } from "node:util";
import { UserError } from "../diagnostics.js";
import { projectLayout } from "../project.js";

export const FORMATS = ["stylish", "markdown", "json", "github-actions"] as const;
export type DiffFormat = (typeof FORMATS)[number];

/** Every option of `conduit diff`, with its default resolved. */
export interface DiffOptions {
  readonly cwd: string;
  /** A git ref or a file. */
  readonly base: string;
  /** A git ref or a file; undefined for the working tree. */
  readonly head: string | undefined;
  /** Absolute path of the spec read at git refs and in the working tree. */
  readonly spec: string;
  readonly format: DiffFormat;
  /** Also append the Markdown report here (a GitHub job summary). */
  readonly summary: string | undefined;
  readonly allowBreaking: boolean;
  readonly help: boolean;
}

export const DIFF_USAGE = `Usage: conduit diff <base> [head] [options]

Compares two versions of the connector's spec and says, per operation, what would break the flows and canvas
apps built against <base>. Each side is a git ref (the spec at that commit, with the files it $refs) or a file;
head defaults to the working tree.

Options:
  --spec <file>       the spec read at git refs and in the working tree
                      (default spec/apiDefinition.swagger.yaml)
  --format <name>     stylish (default), markdown, json, github-actions
  --summary <file>    also append the Markdown report to <file> (e.g. "$GITHUB_STEP_SUMMARY")
  --allow-breaking    report breaking changes but exit 0 (they were announced or nobody uses them yet)
  -h, --help          show this help

Exit codes: 0 nothing breaks, 1 something breaks, 2 unreadable input or bad usage.
Examples:
  conduit diff origin/main
  conduit diff v1.2.0 HEAD --format markdown
  conduit diff old/apiDefinition.swagger.json new/apiDefinition.swagger.json
`;

export function parseDiffArgs(args: readonly string[], cwd: string): DiffOptions {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      spec: { type: "string" },
      format: { type: "string", short: "f" },
      summary: { type: "string" },
      "allow-breaking": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const help = values.help ?? false;
  if (!help && positionals.length === 0) throw new UserError(`conduit diff needs a base: a git ref or a file\n\n${DIFF_USAGE}`, { exitCode: 2 });
  if (positionals.length > 2) throw new UserError(`conduit diff takes a base and at most one head; got ${positionals.length} arguments`, { exitCode: 2 });
  const format = values.format ?? "stylish";
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UserError(`--format must be one of ${FORMATS.join(", ")}; got "${format}"`, { exitCode: 2 });
  }
  return {
    cwd,
    base: positionals[0] ?? "",
    head: positionals[1],
    spec: path.resolve(cwd, values.spec ?? projectLayout(cwd).spec),
    format: format as DiffFormat,
    summary: values.summary === undefined || values.summary === "" ? undefined : path.resolve(cwd, values.summary),
    allowBreaking: values["allow-breaking"] ?? false,
    help,
  };
}
