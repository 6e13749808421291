/**
 * Where each app setting's value came from, for messages about a bad value: the environment (which wins, as
 * under `func start`) or local.settings.json at its line:col. A user who fixes the file while an exported
 * variable still holds the old value would otherwise fix the wrong place.
 */
import { UserError, formatLocation } from "../diagnostics.js";
import { displayPath } from "../project.js";
import type { LocalSettings } from "./local-settings.js";

export type SettingOrigins = ReadonlyMap<string, string>;

/** Call before applyToEnvironment: afterwards every setting of the file is in the environment too. */
export function settingOrigins(settings: LocalSettings, env: NodeJS.ProcessEnv = process.env): SettingOrigins {
  const shown = displayPath(settings.file);
  const origins = new Map<string, string>();
  for (const name of Object.keys(settings.values)) {
    const position = settings.positions?.[name];
    const inFile = position === undefined ? shown : formatLocation(shown, position);
    origins.set(name, env[name] === undefined ? `from ${inFile}` : `from the environment, which wins over ${inFile}`);
  }
  for (const name of Object.keys(env)) {
    // CONDUIT_DEBUG is conduit's own switch, not an app setting.
    if (!origins.has(name) && name !== "CONDUIT_DEBUG" && /^(CONDUIT_|AzureWebJobs|FUNCTIONS_|AZURE_FUNCTIONS_|WEBSITE_)/.test(name)) origins.set(name, "from the environment");
  }
  return origins;
}

/** The error with one line per setting its message names: where that setting's value came from. */
export function withSettingOrigins(error: UserError, origins: SettingOrigins): UserError {
  const named = [...origins.entries()].filter(([name]) => new RegExp(`(^|[^\\w])${name}([^\\w]|$)`).test(error.message));
  if (named.length === 0) return error;
  const lines = named.map(([name, origin]) => `  ${name}: ${origin}`);
  return new UserError(`${error.message}\n${lines.join("\n")}`, { diagnostics: error.diagnostics, exitCode: error.exitCode, cause: error.cause });
}
