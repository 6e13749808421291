#!/usr/bin/env node
// The package bin: runs the compiled CLI. `npm install` builds it (the `prepare` script).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../dist/scripts/cli.js", import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write("conduit is not built yet: run `npm run build` (or `npm install`) first.\n");
  process.exit(2);
}
const { main } = await import(cli);
process.exitCode = await main(process.argv.slice(2));
