/**
 * A broken spec file through the real lint, generate and bundle processes: the same position (the character to
 * change, not where the parser gave up) and the same fix from each; a missing apiProperties.yaml says what the
 * file is and how to create one.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";
import { temporaryFolder } from "../helpers/temp.js";

const BIN = path.resolve(process.cwd(), "bin/conduit.js");
const SPEC = "spec/apiDefinition.swagger.yaml";
// bundle checks its environment values before it reads the definition.
const ENV = {
  CONDUIT_HOST: "contoso-workorders.azurewebsites.net",
  CONDUIT_TENANT_ID: "11111111-2222-3333-4444-555555555555",
  CONDUIT_CLIENT_ID: "66666666-7777-8888-9999-000000000000",
  CONDUIT_SCOPE: "api://66666666-7777-8888-9999-000000000000/user_impersonation",
};

function project(edit?: (lines: string[]) => void): string {
  const root = temporaryFolder("conduit-syntax-");
  cpSync(SAMPLE_FIXTURE, path.join(root, "spec"), { recursive: true });
  cpSync(path.resolve(process.cwd(), "host.json"), path.join(root, "host.json"));
  cpSync(path.resolve(process.cwd(), ".spectral.yaml"), path.join(root, ".spectral.yaml"));
  if (edit) {
    const file = path.join(root, SPEC);
    const lines = readFileSync(file, "utf8").split("\n");
    edit(lines);
    writeFileSync(file, lines.join("\n"));
  }
  return root;
}

function conduit(root: string, ...args: string[]): { code: number; out: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...ENV } });
  const out = run.stdout + run.stderr;
  assert.doesNotMatch(out, /\n\s+at .+:\d+:\d+/, "no stack trace");
  return { code: run.status ?? -1, out };
}

/** The sample's line `      summary: List work orders` (1-based), the line each case breaks. */
function summaryLine(lines: string[]): number {
  const index = lines.findIndex((l) => l === "      summary: List work orders");
  assert.ok(index >= 0);
  return index;
}

const CASES: readonly { name: string; edit: (lines: string[]) => void; column: number; message: RegExp }[] = [
  { name: "a tab in the indentation", edit: (l) => void (l[summaryLine(l)] = "\tsummary: List work orders"), column: 1, message: /Tabs are not allowed as indentation: YAML indents with spaces only\. Replace the tab with spaces\./ },
  { name: "an unclosed quote", edit: (l) => void (l[summaryLine(l)] = '      summary: "List work orders'), column: 16, message: /This double-quoted string is never closed: add the closing " where the text ends/ },
  { name: "a key indented one space short", edit: (l) => void (l[summaryLine(l)] = "     summary: List work orders"), column: 6, message: /Bad indentation: this key starts at column 6.*\(the line above starts at column 7\)/ },
  { name: "a key indented one space too far", edit: (l) => void (l[summaryLine(l)] = "       summary: List work orders"), column: 8, message: /Bad indentation: this line is indented further \(column 8\) than the key above it \(column 7\).*Indent it to column 7/ },
  { name: "a value with ': ' in it", edit: (l) => void (l[summaryLine(l)] = "      summary: List: work orders"), column: 16, message: /A value with ': ' in it must be quoted: write summary: "List: work orders"\./ },
];

describe("YAML syntax errors: the same line:col and fix from lint, generate and bundle", { timeout: 180_000 }, () => {
  for (const { name, edit, column, message } of CASES) {
    test(name, () => {
      let line = 0;
      const root = project((lines) => {
        line = summaryLine(lines) + 1;
        edit(lines);
      });
      const at = `${line}:${column}`;
      const lint = conduit(root, "lint");
      assert.equal(lint.code, 2, lint.out);
      assert.match(lint.out, new RegExp(`\\n\\s*${at}\\s+error\\s+parser\\s+${message.source}`));
      for (const args of [["generate"], ["bundle"]]) {
        const run = conduit(root, ...args);
        assert.equal(run.code, 2, run.out);
        assert.match(run.out, new RegExp(`\\n  ${SPEC}:${at}  ${message.source}`), `${args[0]}: ${run.out}`);
      }
    });
  }
});

describe("a missing spec/apiProperties.yaml", { timeout: 60_000 }, () => {
  test("lint and bundle say what the file is and how to create it", () => {
    const root = project();
    rmSync(path.join(root, "spec/apiProperties.yaml"));
    const how = /no such file; it holds the connector's properties: sign-in .*`conduit import <apiDefinition\.swagger\.json> <apiProperties\.json>`, or start from the sample: copy test\/fixtures\/sample\/apiProperties\.yaml to spec\//;
    const lint = conduit(root, "lint");
    assert.equal(lint.code, 2);
    assert.match(lint.out, how);
    const bundle = conduit(root, "bundle");
    assert.equal(bundle.code, 2);
    assert.match(bundle.out, new RegExp(`^conduit: cannot read spec/apiProperties\\.yaml: ${how.source}`));
    assert.doesNotMatch(bundle.out, /ENOENT/);
  });
});
