/**
 * Usage mistakes, for every command, through the real bin: one line naming the problem, a did-you-mean from
 * the flags the command's --help documents, a pointer to that --help, exit 2; and --help itself exits 0.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, test } from "node:test";
import { closest, editDistance } from "../../scripts/suggest.js";
import { temporaryFolder } from "../helpers/temp.js";

const BIN = path.resolve(process.cwd(), "bin/conduit.js");

function conduit(args: readonly string[]): { code: number; stdout: string; stderr: string } {
  const cwd = temporaryFolder("conduit-usage-");
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, CONDUIT_DEBUG: "" } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Each command with a misspelling of one of its flags and the flag it should suggest. */
const TYPOS: readonly (readonly [string, string, string])[] = [
  ["lint", "--formt", "--format"],
  ["generate", "--chek", "--check"],
  ["serve", "--prot", "--port"],
  ["dev", "--no-azurit", "--no-azurite"],
  ["try", "--urll", "--url"],
  ["bundle", "--evn", "--env"],
  ["token", "--usr", "--user"],
  ["import", "--forc", "--force"],
  ["diff", "--formatt", "--format"],
  ["docs", "--ot", "--out"],
  ["provision", "--rotate-secrets", "--rotate-secret"],
  ["publish", "--power-platform", "--power-platform-env"],
  ["client", "--generater", "--generator"],
];

function assertOneUsageLine(run: { code: number; stdout: string; stderr: string }, command: string): string {
  assert.equal(run.code, 2, run.stderr);
  assert.equal(run.stdout, "");
  const lines = run.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one line, got:\n${run.stderr}`);
  assert.ok(lines[0]!.includes(`See \`conduit ${command} --help\`.`), lines[0]);
  assert.doesNotMatch(run.stderr, /\bat .*\.js:\d+/);
  return lines[0]!;
}

describe("conduit usage errors", () => {
  for (const [command, typo, flag] of TYPOS) {
    test(`${command}: ${typo} suggests ${flag}; --help exits 0`, () => {
      const line = assertOneUsageLine(conduit([command, typo, "x"]), command);
      assert.equal(line, `conduit ${command}: Unknown option '${typo}'. Did you mean ${flag}? See \`conduit ${command} --help\`.`);
      const help = conduit([command, "--help"]);
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, new RegExp(`^Usage: conduit ${command}`));
      assert.ok(help.stdout.includes(flag), `${command} --help documents ${flag}`);
    });
  }

  test("a missing value names the flag and its placeholder", () => {
    assert.equal(assertOneUsageLine(conduit(["lint", "--format"]), "lint"), "conduit lint: --format needs a value (--format <name>). See `conduit lint --help`.");
    assert.equal(assertOneUsageLine(conduit(["serve", "--port"]), "serve"), "conduit serve: --port needs a value (--port N). See `conduit serve --help`.");
    assert.match(assertOneUsageLine(conduit(["lint", "--format", "--certification"]), "lint"), /--format needs a value/);
  });

  test("a value given to a switch, an argument where none is taken", () => {
    assert.match(assertOneUsageLine(conduit(["generate", "--check=yes"]), "generate"), /--check takes no value/);
    assert.match(assertOneUsageLine(conduit(["serve", "extra"]), "serve"), /unexpected argument 'extra'/);
  });

  test("an unknown command: one line with the closest command", () => {
    const run = conduit(["lnt"]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "conduit: unknown command 'lnt'. Did you mean `conduit lint`? See `conduit --help` for the commands.\n");
    assert.equal(conduit(["frobnicate"]).stderr, "conduit: unknown command 'frobnicate'. See `conduit --help` for the commands.\n");
  });

  test("conduit help <command> prints that command's help", () => {
    const run = conduit(["help", "bundle"]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: conduit bundle/);
  });
});

describe("suggestions", () => {
  test("edit distance counts a transposition as one edit", () => {
    assert.equal(editDistance("evn", "env"), 1);
    assert.equal(editDistance("operationID", "operationId"), 0);
    assert.equal(editDistance("paramters", "parameters"), 1);
  });

  test("closest keeps to likely intents", () => {
    assert.equal(closest("respones", ["responses", "parameters"]), "responses");
    assert.equal(closest("x-ms-visiblity", ["x-ms-visibility", "x-ms-summary"]), "x-ms-visibility");
    assert.equal(closest("--bogus", ["--format", "--out"]), undefined);
  });
});
