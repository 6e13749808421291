import path from "node:path";
import { parseArgs } from "node:util";
import { UserError } from "../diagnostics.js";
import { projectLayout } from "../project.js";

export const FORMATS = ["stylish", "json", "github-actions", "sarif"] as const;
export type OutputFormat = (typeof FORMATS)[number];

export const SEVERITY_NAMES = ["error", "warn", "info", "hint"] as const;
export type SeverityName = (typeof SEVERITY_NAMES)[number];

/** Every option of `conduit lint`, with its default resolved. */
export interface LintOptions {
  readonly root: string;
  /** Absolute paths, in the order given. */
  readonly files: readonly string[];
  readonly ruleset: string;
  readonly format: OutputFormat;
  readonly failSeverity: SeverityName;
  /** Raise certification rules (warnings for a custom connector) to errors. */
  readonly certification: boolean;
  /** A git ref: report only findings the spec did not have at that ref. */
  readonly since: string | undefined;
  readonly help: boolean;
}

export const LINT_USAGE = `Usage: conduit lint [files...] [options]

Checks connector files against Spectral's OpenAPI rules and Power Platform's rules.
Without files: the project's spec/apiDefinition.swagger.yaml and spec/apiProperties.yaml.

Options:
  --format <name>          stylish (default), json, github-actions, sarif
  --fail-severity <level>  exit 1 when a finding is at this level or above:
                           error, warn (default), info, hint
  --certification          treat certification requirements as errors
  --since <git-ref>        report only findings that the files at <git-ref> did not have
  --ruleset <file>         the Spectral ruleset (default: .spectral.yaml in the project)
  -h, --help               show this help

Exit codes: 0 clean, 1 findings at or above --fail-severity, 2 unreadable input or bad usage.
`;

export function parseLintArgs(args: readonly string[], root: string = process.cwd()): LintOptions {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      format: { type: "string", short: "f" },
      "fail-severity": { type: "string" },
      certification: { type: "boolean" },
      since: { type: "string" },
      ruleset: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const format = oneOf(values.format ?? "stylish", FORMATS, "--format");
  const failSeverity = oneOf(values["fail-severity"] ?? "warn", SEVERITY_NAMES, "--fail-severity");
  const layout = projectLayout(root);
  const files = positionals.length > 0 ? positionals.map((f) => path.resolve(root, f)) : [layout.spec, layout.properties];
  return {
    root,
    files,
    ruleset: path.resolve(root, values.ruleset ?? ".spectral.yaml"),
    format,
    failSeverity,
    certification: values.certification ?? false,
    since: values.since,
    help: values.help ?? false,
  };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError(`${flag} must be one of ${allowed.join(", ")}; got "${value}"`, { exitCode: 2 });
}
