import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { UserError } from "../diagnostics.js";
import { displayPath } from "../project.js";

/** The app setting that holds the function key the local host requires (as `x-functions-key` or `?code=`). */
export const FUNCTION_KEY_SETTING = "CONDUIT_FUNCTION_KEY";

/** Azure Functions Core Tools' local.settings.json: app settings for local runs, never committed. */
export interface LocalSettings {
  readonly file: string;
  readonly values: Readonly<Record<string, string>>;
  /** True when this run created the file. */
  readonly created: boolean;
}

/**
 * Reads local.settings.json, or creates it as `func init` would (plus a random function key) when it is missing,
 * so that a fresh clone runs with nothing set by hand.
 */
export async function loadLocalSettings(file: string): Promise<LocalSettings> {
  let text: string | undefined;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new UserError(`cannot read ${displayPath(file)}: ${(error as Error).message}`);
  }
  if (text === undefined) {
    const values = {
      FUNCTIONS_WORKER_RUNTIME: "node",
      AzureWebJobsStorage: "UseDevelopmentStorage=true",
      [FUNCTION_KEY_SETTING]: randomBytes(30).toString("base64url"),
    };
    const content = { IsEncrypted: false, Values: values };
    await writeFile(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    return { file, values, created: true };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new UserError(`${displayPath(file)} is not valid JSON (${(error as Error).message}); fix it or delete it to have a new one made`);
  }
  const raw = (parsed as { Values?: unknown } | null)?.Values;
  if (raw !== undefined && (typeof raw !== "object" || raw === null || Array.isArray(raw))) {
    throw new UserError(`${displayPath(file)}: "Values" must be an object of app settings`);
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    if (typeof value === "string") values[name] = value;
    else if (typeof value === "number" || typeof value === "boolean") values[name] = String(value);
  }
  if (!values[FUNCTION_KEY_SETTING]) {
    throw new UserError(
      `${displayPath(file)} has no ${FUNCTION_KEY_SETTING} in "Values": add one (any long random string), or delete the file to have a new one made`,
    );
  }
  return { file, values, created: false };
}

/** Like `func start`: app settings become environment variables, without overriding ones already set. */
export function applyToEnvironment(values: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv = process.env): void {
  for (const [name, value] of Object.entries(values)) {
    if (env[name] === undefined) env[name] = value;
  }
}
