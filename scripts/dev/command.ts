/** `conduit dev`: `conduit serve`, reloading on every save. */
import { parseArgs } from "node:util";
import type { Command } from "../cli.js";
import { readServeOptions, runServe, SERVE_ARGS } from "../serve/command.js";
import { devApp } from "./app.js";

const HELP = `Usage: conduit dev [options]

Runs the app as \`conduit serve\` does (same options: Azurite, the local issuer, the function key) and, on every
save under spec/ or src/: regenerates (when the spec changed), rebuilds the files that changed and reloads the
app, about a second after the save. A new operation answers (its 501 stub) at once. Each save prints one block:
lint's findings, then generate, build and reload with their times. A save that does not generate, compile or
load is reported there with file:line:col, and the last good app keeps answering. The type check runs in the
background and prints ([types]) when its result changes. Azurite's data stays across reloads.

Options:
  --port N          port to listen on (default 7071)
  --host ADDR       loopback address to listen on (default 127.0.0.1)
  --no-azurite      do not start Azurite; use AzureWebJobsStorage as set
  --azurite-port N  Azurite's Table port (default 10002, else a free one)
  --no-issuer       do not start the local token issuer; use the CONDUIT_AUTH_* settings as set
  --issuer-port N   the local issuer's port (0: a free one)
  --mock            answer from the spec's response examples instead of the handlers
  -h, --help        show this help
`;

export const devCommand: Command = {
  summary: "serve, and on every save under spec/ or src/: regenerate, rebuild and reload in about a second",
  help: HELP,
  async run(args) {
    const { values } = parseArgs({ args, options: SERVE_ARGS, strict: true, allowPositionals: false });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    const options = readServeOptions(values);
    return runServe(options, devApp({ mock: options.mock }));
  },
};
