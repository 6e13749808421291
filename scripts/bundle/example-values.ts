/**
 * Values that only stand in for real ones: .env.example's own (copied as .env.dev and never edited), `<your-…>`
 * markers, and made-up GUIDs of one repeated digit. A connector bundled with them points at someone else's host or
 * at a tenant that does not exist; bundle refuses them, naming the variable and where it came from.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseEnv } from "node:util";
import { UserError } from "../diagnostics.js";
import type { EnvironmentValues } from "./environment.js";

export const ENV_EXAMPLE = ".env.example";

export interface ExampleValue {
  readonly name: string;
  readonly value: string;
  /** `.env.dev:7`, or "the environment". */
  readonly where: string;
  readonly why: string;
}

const MARKER = /^<[^<>]*>$|<your[-_ ][^>]*>/i;
/** 00000000-0000-0000-0000-000000000000, 11111111-1111-…: a GUID nobody was given. */
const MADE_UP_GUID = /\b([0-9a-f])\1{7}-\1{4}-\1{4}-\1{4}-\1{12}\b/i;

/** .env.example's values by name (empty ones left out); none when the project has no such file. */
export async function readEnvExample(root: string): Promise<Readonly<Record<string, string>>> {
  let text: string;
  try {
    text = await readFile(path.join(root, ENV_EXAMPLE), "utf8");
  } catch {
    return {};
  }
  return Object.fromEntries(Object.entries(parseEnv(text)).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""));
}

export function exampleValueReason(value: string, exampleValue: string | undefined): string | undefined {
  if (exampleValue !== undefined && value === exampleValue) return `the sample value from ${ENV_EXAMPLE}`;
  if (MARKER.test(value)) return "a placeholder to replace";
  if (MADE_UP_GUID.test(value)) return "a made-up GUID";
  return undefined;
}

/** The values among `names` that are examples, not an environment's own. */
export async function findExampleValues(names: readonly string[], env: EnvironmentValues, root: string): Promise<ExampleValue[]> {
  const example = await readEnvExample(root);
  const fileLines = env.fileFound ? await readFile(path.resolve(root, env.file), "utf8").then((t) => t.split(/\r?\n/), () => []) : [];
  const found: ExampleValue[] = [];
  for (const name of [...new Set(names)]) {
    const value = env.get(name);
    if (value === undefined) continue;
    const why = exampleValueReason(value, example[name]);
    if (why === undefined) continue;
    const source = env.describeSource(name);
    const line = source === env.file ? fileLines.findIndex((l) => new RegExp(`^\\s*(?:export\\s+)?${name}\\s*=`).test(l)) : -1;
    found.push({ name, value, where: line >= 0 ? `${source}:${line + 1}` : source, why });
  }
  return found;
}

/** `allowFlag`: the command takes --allow-example-values (bundle), so the message offers it. */
export function exampleValuesError(found: readonly ExampleValue[], allowFlag: boolean): UserError {
  const lines = found.map((f) => `  ${f.where}  ${f.name}=${f.value} is ${f.why}, not this environment's value`);
  return new UserError(
    `${found.length === 1 ? "a value is an example" : `${found.length} values are examples`}, not real settings:\n${lines.join("\n")}\n` +
      `Set the environment's own values (docs/bundle.md)${allowFlag ? ", or pass --allow-example-values to bundle with them anyway (a package to look at, not to upload)" : ""}`,
  );
}
