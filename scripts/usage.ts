/**
 * Usage mistakes (an unknown command or option, a missing value) as one line: the problem, the likely intent,
 * and where the options are listed. node:util's parseArgs errors carry only the flag, so the known flags are read
 * from the command's own --help text: what a suggestion offers is then always something --help documents.
 */
import { closest } from "./suggest.js";

/** The long flags a help text documents, e.g. `--format` from `  --format <name>  stylish…`. */
export function documentedFlags(help: string): string[] {
  const flags = new Set<string>();
  for (const match of help.matchAll(/(?<![\w-])--([a-z][a-z0-9-]*)/g)) flags.add(`--${match[1]}`);
  return [...flags];
}

/** The placeholder the help text gives a flag's value (`--format <name>` → `<name>`, `--port N` → `N`). */
function valueHint(help: string, flag: string): string | undefined {
  for (const line of help.split("\n")) {
    const match = new RegExp(`(?<![\\w-])${flag.replace(/-/g, "\\-")}[ =](<[^>]+>|[A-Z][A-Z_-]*)`).exec(line);
    if (match) return match[1];
  }
  return undefined;
}

export function isParseArgsError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

/** One line for a parseArgs error in `conduit <command>`, with a did-you-mean where a documented flag is close. */
export function usageErrorLine(command: string, help: string, error: Error & { code: string }): string {
  const pointer = `See \`conduit ${command} --help\`.`;
  const message = error.message;
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const typed = /Unknown option '([^']+)'/.exec(message)?.[1] ?? "";
    const name = typed.split("=")[0] ?? typed;
    const suggestion = name.startsWith("--") ? closest(name, documentedFlags(help)) : undefined;
    const mean = suggestion === undefined ? "" : ` Did you mean ${suggestion}?`;
    return `conduit ${command}: Unknown option '${name}'.${mean} ${pointer}`;
  }
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    // "Option '-f, --format <value>' argument missing" or "Option '--check' does not take an argument".
    const quoted = /Option '([^']+)'/.exec(message)?.[1] ?? "";
    const flag = /--[a-z][a-z0-9-]*/.exec(quoted)?.[0] ?? quoted;
    if (/argument missing|ambiguous/.test(message)) {
      const hint = valueHint(help, flag);
      return `conduit ${command}: ${flag} needs a value${hint === undefined ? "" : ` (${flag} ${hint})`}. ${pointer}`;
    }
    return `conduit ${command}: ${flag} takes no value (give ${flag} alone). ${pointer}`;
  }
  if (error.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const typed = /Unexpected argument '([^']*)'/.exec(message)?.[1] ?? "";
    return `conduit ${command}: unexpected argument '${typed}': this command takes options only. ${pointer}`;
  }
  return `conduit ${command}: ${message.split("\n")[0]} ${pointer}`;
}

/** One line for `conduit <typo>`. */
export function unknownCommandLine(typed: string, commands: readonly string[]): string {
  const suggestion = closest(typed, commands);
  const mean = suggestion === undefined ? "" : ` Did you mean \`conduit ${suggestion}\`?`;
  return `conduit: unknown command '${typed}'.${mean} See \`conduit --help\` for the commands.`;
}
