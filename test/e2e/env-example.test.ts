/**
 * .env.example, the template for `conduit bundle --env <name>`: it names every per-environment value that the
 * project's spec/apiProperties.yaml uses; copied as .env.dev and never edited, bundle refuses its stand-in values
 * (naming each, file:line), and bundles the project as it stands with --allow-example-values.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { parseEnv, promisify } from "node:util";

const run = promisify(execFile);
const REPO = process.cwd();
const BIN = path.join(REPO, "bin", "conduit.js");

test(".env.example names every ${VALUE} of spec/apiProperties.yaml, and copied as .env.dev bundle refuses its values until --allow-example-values", async () => {
  const example = await readFile(path.join(REPO, ".env.example"), "utf8");
  // Values, not the comments that explain the syntax.
  const properties = (await readFile(path.join(REPO, "spec", "apiProperties.yaml"), "utf8"))
    .split("\n")
    .map((line) => line.replace(/(^|\s)#.*$/, ""))
    .join("\n");
  const used = [...new Set([...properties.matchAll(/(?<!\$)\$\{([A-Z0-9_]+)(?::-[^}]*)?\}/g)].map((m) => m[1]!))].sort();
  assert.ok(used.length > 0);
  const listed = Object.keys(parseEnv(example));
  assert.deepEqual(used.filter((name) => !listed.includes(name)), [], "every value the properties use is in .env.example");

  const root = await mkdtemp(path.join(os.tmpdir(), "conduit-env-example-"));
  try {
    await cp(path.join(REPO, "spec"), path.join(root, "spec"), { recursive: true });
    await writeFile(path.join(root, "host.json"), await readFile(path.join(REPO, "host.json")));
    await writeFile(path.join(root, ".env.dev"), example);
    const env: NodeJS.ProcessEnv = {};
    for (const [name, value] of Object.entries(process.env)) if (!name.startsWith("CONDUIT_")) env[name] = value;
    await writeFile(path.join(root, ".env.example"), example);
    // Copied and never edited: its values stand in for real ones, and bundle refuses them, naming each.
    const refused = await run(process.execPath, [BIN, "bundle", "--env", "dev"], { cwd: root, env }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code?: number; stderr?: string }) => ({ code: error.code ?? -1, stderr: error.stderr ?? "" }),
    );
    assert.equal(refused.code, 2, refused.stderr);
    const lines = example.split("\n");
    const hostLine = lines.findIndex((l) => l.startsWith("CONDUIT_HOST=")) + 1;
    assert.ok(refused.stderr.includes(`.env.dev:${hostLine}  CONDUIT_HOST=${parseEnv(example)["CONDUIT_HOST"]} is the sample value from .env.example`), refused.stderr);
    assert.match(refused.stderr, /--allow-example-values/);
    const { stdout } = await run(process.execPath, [BIN, "bundle", "--env", "dev", "--allow-example-values"], { cwd: root, env });
    assert.match(stdout, /wrote dist\/connector\/ for environment "dev"/);
    assert.match(stdout, /note: built with example values \(CONDUIT_HOST[^)]*\): a package to look at, not to upload/);
    const definition = JSON.parse(await readFile(path.join(root, "dist", "connector", "apiDefinition.swagger.json"), "utf8")) as { host: string };
    assert.equal(definition.host, parseEnv(example)["CONDUIT_HOST"]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
