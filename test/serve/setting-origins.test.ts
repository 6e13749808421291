/**
 * `conduit serve` refusing a bad app setting says where the value came from, through the real bin: the line:col
 * in local.settings.json, or the environment (which wins over the file, as under func start).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";
import { temporaryFolder } from "../helpers/temp.js";

const BIN = path.resolve(process.cwd(), "bin/conduit.js");

function serve(settings: string, env: Record<string, string> = {}): { code: number; stderr: string } {
  const root = temporaryFolder("conduit-origins-");
  cpSync(path.resolve(process.cwd(), "host.json"), path.join(root, "host.json"));
  mkdirSync(path.join(root, "spec"));
  cpSync(path.join(SAMPLE_FIXTURE, "apiDefinition.swagger.yaml"), path.join(root, "spec", "apiDefinition.swagger.yaml"));
  writeFileSync(path.join(root, "local.settings.json"), settings);
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(CONDUIT_|AzureWebJobs|AZURE_FUNCTIONS_|NODE_ENV$)/.test(name)));
  // A serve that wrongly started would run until killed: the timeout makes that a failure, not a hang.
  const run = spawnSync(process.execPath, [BIN, "serve", "--mock", "--port", "0", "--no-azurite", "--no-issuer"], { cwd: root, encoding: "utf8", env: { ...clean, ...env }, timeout: 60_000, killSignal: "SIGKILL" });
  assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+/, "no stack trace");
  return { code: run.status ?? -1, stderr: run.stderr };
}

const SETTINGS = `{
  "IsEncrypted": false,
  "Values": {
    "CONDUIT_FUNCTION_KEY": "a-long-random-function-key-for-the-test",
    "CONDUIT_AUTH_MODE": "off",
    "CONDUIT_MAX_BODY_BYTES": "lots"
  }
}
`;

describe("serve: where a bad setting came from", { timeout: 120_000 }, () => {
  test("a bad value in local.settings.json: its line:col", () => {
    const run = serve(SETTINGS);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'conduit: CONDUIT_MAX_BODY_BYTES must be a positive whole number of bytes, e.g. 1048576; it is "lots"\n  CONDUIT_MAX_BODY_BYTES: from local.settings.json:6:31\n');
  });

  test("a bad value in the environment: the environment, which wins over the file", () => {
    const run = serve(SETTINGS, { CONDUIT_MAX_BODY_BYTES: "-1" });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /it is "-1"\n {2}CONDUIT_MAX_BODY_BYTES: from the environment, which wins over local\.settings\.json:6:31\n$/);
  });

  test("invalid JSON and a setting of the wrong type: file:line:col and the setting", () => {
    const broken = serve(SETTINGS.replace('"off",', '"off"'));
    assert.equal(broken.code, 2);
    assert.equal(broken.stderr, "conduit: local.settings.json is not valid JSON; fix it, or delete it to have a new one made\n  local.settings.json:6:5  Expected ',' between two entries.\n");
    const typed = serve(SETTINGS.replace('"lots"', "[1]"));
    assert.equal(typed.code, 2);
    assert.match(typed.stderr, /^conduit: local\.settings\.json: the setting CONDUIT_MAX_BODY_BYTES is an array; an app setting is a string\n {2}local\.settings\.json:6:31 /);
  });
});
