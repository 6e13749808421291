#!/usr/bin/env node
// npm's `prepare`: builds conduit after `npm install` in a clone. A production install (no devDependencies, as
// on a Functions remote build) has no TypeScript; it then skips the build instead of failing the install.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve("typescript/bin/tsc");
} catch {
  process.stdout.write("conduit: TypeScript is not installed (production install): skipping the build.\n");
  process.exit(0);
}
const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], { stdio: "inherit" });
process.exit(result.status ?? 1);
