/**
 * A misspelt key is one finding that names the fix, through the real `conduit lint` and `conduit generate`
 * processes on a copy of the sample: not a cascade (a missing operationId beside the unknown key, a typed-enum
 * warning per enum value beside a type Swagger does not have), and no doubled punctuation.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";
import { temporaryFolder } from "../helpers/temp.js";

const BIN = path.resolve(process.cwd(), "bin/conduit.js");
const SPEC = "spec/apiDefinition.swagger.yaml";

interface Finding {
  code: string;
  message: string;
  range: { start: { line: number; character: number } };
}

function project(edit: (text: string) => string): string {
  const root = temporaryFolder("conduit-misspelt-");
  cpSync(SAMPLE_FIXTURE, path.join(root, "spec"), { recursive: true });
  cpSync(path.resolve(process.cwd(), "host.json"), path.join(root, "host.json"));
  cpSync(path.resolve(process.cwd(), ".spectral.yaml"), path.join(root, ".spectral.yaml"));
  const file = path.join(root, SPEC);
  const before = readFileSync(file, "utf8");
  const after = edit(before);
  assert.notEqual(after, before, "the edit applies");
  writeFileSync(file, after);
  return root;
}

function conduit(root: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: "utf8" });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** The findings of `conduit lint` that the clean sample does not have. */
function newFindings(root: string): Finding[] {
  const run = conduit(root, "lint", "--format", "json");
  assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+/);
  const all = JSON.parse(run.stdout) as Finding[];
  return all.filter((f) => f.code !== "conduit-stored-string-length");
}

const replaceOnce = (from: string, to: string) => (text: string) => text.replace(from, to);

describe("misspelt keys in the spec", { timeout: 120_000 }, () => {
  const cases: readonly (readonly [string, (text: string) => string, string, RegExp])[] = [
    ["operationID", replaceOnce("operationId: ListWorkOrders", "operationID: ListWorkOrders"), "pp-oas2-schema", /^Unknown key operationID — did you mean operationId\?$/],
    ["paramters", replaceOnce("      x-ms-pageable:\n        nextLinkName: nextLink\n      parameters:", "      x-ms-pageable:\n        nextLinkName: nextLink\n      paramters:"), "pp-oas2-schema", /^Unknown key paramters — did you mean parameters\?$/],
    ["respones", replaceOnce("      operationId: ListWorkOrders\n", "      operationId: ListWorkOrders\n      respones: {}\n"), "pp-oas2-schema", /^Unknown key respones — did you mean responses\?$/],
    ["x-ms-visiblity", replaceOnce("      x-ms-visibility: important\n      x-ms-pageable", "      x-ms-visiblity: important\n      x-ms-pageable"), "pp-extension-unknown", /^'x-ms-visiblity' is not a Power Platform extension: did you mean 'x-ms-visibility'\?$/],
    ["type: integr", replaceOnce("        - name: status\n          in: query\n          type: string", "        - name: status\n          in: query\n          type: integr"), "pp-oas2-schema", /^Unknown type "integr" — did you mean integer\? Swagger 2\.0 allows string, number, boolean, integer, array here\.$/],
  ];
  for (const [name, edit, code, message] of cases) {
    test(`${name}: one finding, with the fix, at the key`, () => {
      const root = project(edit);
      const findings = newFindings(root);
      assert.equal(findings.length, 1, JSON.stringify(findings, null, 1));
      // A misspelt key is reported at the key (`type: integr` at its value, which is what is wrong).
      const needle = name.includes(":") ? name : `${name}:`;
      const lines = readFileSync(path.join(root, SPEC), "utf8").split("\n");
      const line = lines.findIndex((l) => l.includes(needle));
      const column = lines[line]!.indexOf(needle) + (name.includes(":") ? needle.indexOf(":") + 2 : 0);
      assert.deepEqual(findings[0]!.range.start, { line, character: column }, "the line and column, as generate says");
      assert.equal(findings[0]!.code, code);
      assert.match(findings[0]!.message, message);
      assert.doesNotMatch(findings[0]!.message, /\?\.|\.\./);
    });
  }

  test("generate refuses a misspelt field that generated code is made of, at its line:col", () => {
    const root = project(cases[1]![1]);
    const line = readFileSync(path.join(root, SPEC), "utf8").split("\n").findIndex((l) => l.includes("paramters:")) + 1;
    const run = conduit(root, "generate");
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, new RegExp(`${SPEC}:${line}:7  Unknown key paramters — did you mean parameters\\? \\[pp-oas2-schema\\]`));
    assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+/);
  });

  test("generate names the types a parameter may have", () => {
    const run = conduit(project(cases[4]![1]), "generate");
    assert.match(run.stderr, /parameter status has type "integr", which Swagger 2\.0 does not have \(did you mean integer\?\); it is treated as a string\. Give it one of string, number, integer, boolean, array/);
  });
});
