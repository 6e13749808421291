import path from "node:path";
import { parseArgs } from "node:util";
import { UserError } from "../diagnostics.js";
import { projectLayout } from "../project.js";

export const DOCS_FORMATS = ["markdown", "json"] as const;
export type DocsFormat = (typeof DOCS_FORMATS)[number];

/** Every option of `conduit docs`, with its default resolved. */
export interface DocsOptions {
  /** Absolute path of the connector definition. */
  readonly spec: string;
  readonly format: DocsFormat;
  /** Write here instead of stdout. */
  readonly out: string | undefined;
  readonly help: boolean;
}

export const DOCS_USAGE = `Usage: conduit docs [--spec FILE] [--format markdown|json] [--out FILE]

Prints, for every action of the connector, what makers meet: in Power Apps the Power Fx call exactly as a canvas
app writes it (data source, function name, required arguments by position, optional ones in one record), an
example call built from the spec's samples and the fields of the record or table it returns; in Power Automate
the action card's fields and the dynamic-content names of its outputs. Triggers are listed for flows only.

Options:
  --spec FILE       the connector definition, JSON or YAML, with the files it $refs
                    (default spec/apiDefinition.swagger.yaml)
  --format NAME     markdown (default) or json
  --out FILE        write to FILE instead of printing
  -h, --help        show this help

Exit codes: 0 printed, 2 unreadable input or bad usage.
Examples:
  conduit docs
  conduit docs --spec connector/apiDefinition.swagger.json --format json
  conduit docs --out docs/actions.md
`;

export function parseDocsArgs(args: readonly string[], cwd: string): DocsOptions {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      spec: { type: "string" },
      format: { type: "string", short: "f" },
      out: { type: "string", short: "o" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (positionals.length > 0) {
    throw new UserError(`conduit docs takes no arguments (got ${positionals.join(" ")}): name the definition with --spec FILE`, { exitCode: 2 });
  }
  const format = values.format ?? "markdown";
  if (!(DOCS_FORMATS as readonly string[]).includes(format)) {
    throw new UserError(`--format must be one of ${DOCS_FORMATS.join(", ")}; got "${format}"`, { exitCode: 2 });
  }
  return {
    spec: path.resolve(cwd, values.spec ?? projectLayout(cwd).spec),
    format: format as DocsFormat,
    out: values.out === undefined || values.out === "" ? undefined : path.resolve(cwd, values.out),
    help: values.help ?? false,
  };
}
