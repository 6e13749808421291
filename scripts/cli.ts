import { formatLocation, UserError } from "./diagnostics.js";
import { isParseArgsError, unknownCommandLine, usageErrorLine } from "./usage.js";

/** A subcommand: parses its own flags, returns the process exit code. */
export interface Command {
  readonly summary: string;
  /** What `--help` prints; its `--flags` are what a misspelt flag is matched against. */
  readonly help: string;
  run(args: string[]): Promise<number>;
}

type CommandLoader = () => Promise<Command>;

// Loaded lazily so that `conduit serve` does not pay for Spectral, nor `conduit lint` for the runtime.
const commands: Record<string, CommandLoader> = {
  lint: async () => (await import("./lint/command.js")).lintCommand,
  generate: async () => (await import("./generate/command.js")).generateCommand,
  serve: async () => (await import("./serve/command.js")).serveCommand,
  dev: async () => (await import("./dev/command.js")).devCommand,
  try: async () => (await import("./try/command.js")).tryCommand,
  bundle: async () => (await import("./bundle/command.js")).bundleCommand,
  token: async () => (await import("./token/command.js")).tokenCommand,
  import: async () => (await import("./import/command.js")).importCommand,
  diff: async () => (await import("./diff/command.js")).diffCommand,
  docs: async () => (await import("./docs/command.js")).docsCommand,
  provision: async () => (await import("./provision/command.js")).provisionCommand,
  publish: async () => (await import("./publish/command.js")).publishCommand,
  client: async () => (await import("./client/command.js")).clientCommand,
};

const summaries: Record<string, string> = {
  lint: "check the spec against Spectral's OpenAPI rules and Power Platform's",
  generate: "write generated/ (types, routes, validators) and missing handler stubs",
  serve: "run the function app on 127.0.0.1 with Azurite, as `func start` would (--mock: from the spec's examples)",
  dev: "serve, and on every save under spec/ or src/: regenerate, rebuild and reload in about a second",
  try: "call every action against the running app, as the wizard's Test tab would, and check the answers",
  bundle: "write the connector package into dist/connector/",
  token: "print an access token from the local issuer (for calls to `conduit serve`)",
  import: "bring an existing connector (apiDefinition.swagger.json, apiProperties.json) into spec/",
  diff: "say which flows and canvas apps a spec change breaks (against a git ref or a file)",
  docs: "print what makers meet per action: the Power Fx call, its result, the flow card",
  provision: "create or update the Entra ID app registrations (Microsoft Graph) and record them in .env.<env>",
  publish: "create or update the custom connector in a Power Platform environment from dist/connector/",
  client: "generate a client SDK from the connector's definition with openapi-generator",
};

export function usage(): string {
  const width = Math.max(...Object.keys(summaries).map((name) => name.length));
  const lines = Object.entries(summaries).map(([name, text]) => `  ${name.padEnd(width)}  ${text}`);
  return `Usage: conduit <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun \`conduit <command> --help\` for a command's options.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "help" && rest[0] !== undefined && !rest[0].startsWith("-")) return main([rest[0], "--help"]);
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`${unknownCommandLine(name, Object.keys(commands))}\n`);
    return 2;
  }
  let command: Command | undefined;
  try {
    command = await load();
    return await command.run(rest);
  } catch (error) {
    // Every command parses its flags with node:util's parseArgs: its errors become one usage line here, for all.
    if (command !== undefined && isParseArgsError(error)) {
      process.stderr.write(`${usageErrorLine(name, command.help, error)}\n`);
      return 2;
    }
    return reportError(error);
  }
}

/** User mistakes print as messages with file:line:col; anything else is our bug and keeps its stack. */
export function reportError(error: unknown): number {
  if (error instanceof UserError) {
    process.stderr.write(`conduit: ${error.message}\n`);
    for (const d of error.diagnostics) {
      process.stderr.write(`  ${formatLocation(d.source, d.range)}  ${d.message}\n`);
    }
    // The stack is ours to read, not the user's: only on request (README, "When something goes wrong").
    if (process.env["CONDUIT_DEBUG"] === "1" && error.cause instanceof Error) process.stderr.write(`\n${error.cause.stack ?? String(error.cause)}\n`);
    return error.exitCode;
  }
  if (isParseArgsError(error)) {
    process.stderr.write(`conduit: ${error.message.split("\n")[0]}\n`);
    return 2;
  }
  process.stderr.write(`conduit: internal error (please report it):\n${error instanceof Error ? error.stack : String(error)}\n`);
  return 70;
}
