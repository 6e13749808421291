import { randomBytes } from "node:crypto";
import { chmod, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseEnv } from "node:util";
import { UserError } from "../diagnostics.js";
import { quoteEnvValue } from "../bundle/environment.js";

/** The values of a .env file as node reads them (`conduit bundle` reads it the same way); empty when missing. */
export async function readEnvFile(file: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new UserError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return definedOnly(parseEnv(text));
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/;
/** Values that need no quotes: ids, URLs, host names, Entra secrets ([A-Za-z0-9~._-]). */
const PLAIN = /^[A-Za-z0-9_.~:/@+-]*$/;

/**
 * `text` with `values` set: a key's existing line is replaced where it stands, new keys are appended under
 * `heading`. Every other line is kept as it is. The result is read back and must give exactly the new values and
 * every other key's old value; a file the line edit cannot keep (a multi-line value under one of the keys) is refused.
 */
export function setEnvValues(text: string, values: Readonly<Record<string, string>>, heading: string): string {
  const lines = text === "" ? [] : text.replace(/\r?\n$/, "").split(/\r?\n/);
  const pending = new Map(Object.entries(values));
  const seen = new Set<string>();
  const out = lines.map((line) => {
    const key = ASSIGNMENT.exec(line)?.[1];
    if (key === undefined || !pending.has(key)) return line;
    seen.add(key);
    return assignment(key, pending.get(key) as string);
  });
  const added = [...pending.keys()].filter((key) => !seen.has(key));
  if (added.length > 0) {
    if (out.length > 0 && out[out.length - 1] !== "") out.push("");
    out.push(`# ${heading}`);
    for (const key of added) out.push(assignment(key, pending.get(key) as string));
  }
  const result = `${out.join("\n")}\n`;
  const before = definedOnly(parseEnv(text));
  const after = definedOnly(parseEnv(result));
  const expected = { ...before, ...values };
  const differing = Object.keys({ ...expected, ...after }).filter((key) => expected[key] !== after[key]);
  if (differing.length > 0) {
    throw new UserError(`cannot update the env file line by line without changing ${differing.join(", ")} (a value spanning several lines?): set these values by hand`);
  }
  return result;
}

/** Writes `values` into the env file, keeping its other lines; the file is replaced atomically and left readable by its owner only. */
export async function updateEnvFile(file: string, values: Readonly<Record<string, string>>, heading: string): Promise<void> {
  let text = "";
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new UserError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const next = setEnvValues(text, values, heading);
  if (next === text) {
    await chmod(file, 0o600);
    return;
  }
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    // Created 0600, so the secret is never readable by others, not even between write and rename.
    await writeFile(temporary, next, { mode: 0o600, flag: "wx" });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function assignment(key: string, value: string): string {
  if (PLAIN.test(value)) return `${key}=${value}`;
  const quoted = quoteEnvValue(value);
  if (quoted === undefined) throw new UserError(`${key}: the value cannot be written to a .env file (it holds every kind of quote)`);
  return `${key}=${quoted}`;
}

function definedOnly(values: NodeJS.Dict<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = value;
  return out;
}
