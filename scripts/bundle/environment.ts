import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseEnv } from "node:util";
import { UserError } from "../diagnostics.js";
import { displayPath } from "../project.js";

/** Per-environment values: the process environment first, then the git-ignored `.env.<name>` (or `.env`) file. */
export interface EnvironmentValues {
  /** The `--env` name, if one was given. */
  readonly name: string | undefined;
  /** The file that was (or would have been) read, for messages. */
  readonly file: string;
  readonly fileFound: boolean;
  get(name: string): string | undefined;
  /** "the environment" or the file's display path: where a value came from, for messages. */
  describeSource(name: string): string;
}

export async function loadEnvironment(
  root: string,
  name: string | undefined,
  processEnv: NodeJS.ProcessEnv = process.env,
): Promise<EnvironmentValues> {
  if (name !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) {
    throw new UserError(`--env "${name}": use letters, digits, "-", "_" or "." (it names the file .env.${name})`);
  }
  const file = path.join(root, name === undefined ? ".env" : `.env.${name}`);
  let fromFile: NodeJS.Dict<string> = {};
  let fileFound = false;
  try {
    fromFile = parseEnv(await readFile(file, "utf8"));
    fileFound = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new UserError(`cannot read ${displayPath(file, root)}: ${(error as Error).message}`);
  }
  const shown = displayPath(file, root);
  return {
    name,
    file: shown,
    fileFound,
    get: (key) => nonEmpty(processEnv[key]) ?? nonEmpty(fromFile[key]),
    describeSource: (key) => (nonEmpty(processEnv[key]) !== undefined ? "the environment" : shown),
  };
}

/** Values given directly (tests, programmatic use). */
export function fixedEnvironment(values: Readonly<Record<string, string>>, name?: string): EnvironmentValues {
  return {
    name,
    file: name === undefined ? ".env" : `.env.${name}`,
    fileFound: false,
    get: (key) => nonEmpty(values[key]),
    describeSource: () => "the given values",
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/** Quoting that node's util.parseEnv reads back exactly (it has no escapes inside quotes, except \n in "..."). */
export function quoteEnvValue(value: string): string | undefined {
  if (value.includes("\n")) return value.includes('"') || value.includes("\\n") ? undefined : `"${value.replace(/\n/g, "\\n")}"`;
  for (const quote of ["'", '"', "`"]) if (!value.includes(quote)) return `${quote}${value}${quote}`;
  return undefined;
}
