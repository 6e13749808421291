import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { findNodeAtLocation, parseTree, type Node } from "jsonc-parser";
import { Severity, UserError, type Diagnostic, type Range } from "../diagnostics.js";
import { displayPath } from "../project.js";
import { jsonSyntaxError, lineStarts, positionAt, trailingCommaOffsets } from "../spec/syntax.js";

/** The app setting that holds the function key the local host requires (as `x-functions-key` or `?code=`). */
export const FUNCTION_KEY_SETTING = "CONDUIT_FUNCTION_KEY";

/** Azure Functions Core Tools' local.settings.json: app settings for local runs, never committed. */
export interface LocalSettings {
  readonly file: string;
  readonly values: Readonly<Record<string, string>>;
  /** Where each setting's value stands in the file (absent for a file this run made). */
  readonly positions?: Readonly<Record<string, Range>>;
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
  const { values, positions } = readSettingsText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, displayPath(file));
  if (!values[FUNCTION_KEY_SETTING]) {
    throw new UserError(
      `${displayPath(file)} has no ${FUNCTION_KEY_SETTING} in "Values": add one (any long random string), or delete the file to have a new one made`,
    );
  }
  return { file, values, positions, created: false };
}

/**
 * The app settings of local.settings.json's text, each with its position; a mistake in the file is a UserError
 * at its line:col that names the setting. Strings, numbers and booleans are taken (Core Tools reads them as
 * text); an object, array or null is not an app setting.
 */
export function readSettingsText(text: string, shown: string): { values: Record<string, string>; positions: Record<string, Range> } {
  const lines = lineStarts(text);
  const at = (offset: number): Range => {
    const start = positionAt(lines, offset);
    return { start, end: start };
  };
  const fail = (message: string, offset: number, fix: string): never => {
    const diagnostic: Diagnostic = { code: "local-settings", message: fix, path: [], severity: Severity.Error, source: shown, range: at(offset) };
    throw new UserError(`${shown}: ${message}`, { diagnostics: [diagnostic] });
  };
  const syntax = jsonSyntaxError(text, shown);
  if (syntax !== undefined) {
    throw new UserError(`${shown} is not valid JSON; fix it, or delete it to have a new one made`, { diagnostics: [syntax] });
  }
  // jsonc-parser takes trailing commas and comments; the Functions host's reader does not.
  const comma = trailingCommaOffsets(text)[0];
  if (comma !== undefined) fail("a trailing comma, which the Functions host refuses", comma, "Remove this comma.");
  const root = parseTree(text, [], { disallowComments: true });
  if (root === undefined || root.type !== "object") return fail("the top level must be an object", 0, 'Write { "IsEncrypted": false, "Values": { … } }.');
  const valuesNode = findNodeAtLocation(root, ["Values"]);
  if (valuesNode === undefined) {
    return fail('no "Values" object: the app settings go there', root.offset, `Add "Values": { "${FUNCTION_KEY_SETTING}": "<a long random string>" }, or delete the file to have a new one made.`);
  }
  if (valuesNode.type !== "object") return fail(`"Values" must be an object of app settings, not ${describe(valuesNode)}`, valuesNode.offset, 'Write "Values": { "NAME": "value", … }.');
  const values: Record<string, string> = {};
  const positions: Record<string, Range> = {};
  for (const property of valuesNode.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key === undefined || value === undefined) continue;
    const name = String(key.value);
    if (value.type === "string" || value.type === "number" || value.type === "boolean") {
      values[name] = String(value.value);
      positions[name] = at(value.offset);
    } else {
      fail(`the setting ${name} is ${describe(value)}; an app setting is a string`, value.offset, `Give ${name} a string value, e.g. "${name}": "…".`);
    }
  }
  return { values, positions };
}

function describe(node: Node): string {
  return node.type === "null" ? "null" : node.type === "array" ? "an array" : node.type === "object" ? "an object" : `a ${node.type}`;
}

/** Like `func start`: app settings become environment variables, without overriding ones already set. */
export function applyToEnvironment(values: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv = process.env): void {
  for (const [name, value] of Object.entries(values)) {
    if (env[name] === undefined) env[name] = value;
  }
}
