import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import type { ConnectorRule } from "../../scripts/lint/rule.js";
import { apiPropertiesFile, swagger, type RuleCase } from "../../scripts/lint/rule-cases.js";
import { RULES } from "../../scripts/lint/rules/index.js";
import { runAll } from "./rule-harness.js";

// Sources, not compiled output: the docs and the rule folders live in the repository.
const RULES_DIR = path.resolve(process.cwd(), "scripts/lint/rules");
const SECTIONS = ["## What the platform does", "## Message", "## Why", "## How to fix"];

const folders = readdirSync(RULES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const rules = Object.values<ConnectorRule>(RULES);

describe("every rule has its folder, cases and doc, under its own name", () => {
  test("the registry and the folders list the same rules", () => {
    assert.deepEqual(Object.keys(RULES).sort(), folders);
  });

  for (const rule of rules) {
    test(rule.id, async () => {
      const folder = path.join(RULES_DIR, rule.id);
      for (const file of ["rule.ts", "cases.ts", "README.md"]) assert.ok(existsSync(path.join(folder, file)), `${rule.id}/${file} is missing`);

      const doc = readFileSync(path.join(folder, "README.md"), "utf8");
      const [title, blank, description] = doc.split("\n");
      assert.equal(title, `# ${rule.id}`, "the doc's title is the rule id");
      assert.equal(blank, "");
      assert.equal(description, rule.description, "the doc opens with the rule's description");
      const severityRow = doc.split("\n").find((line) => /^\| (error|warn|info)\b/.test(line)) ?? "";
      assert.match(severityRow, new RegExp(`^\\| ${rule.severity}\\b.*\\| ${rule.certification === true ? "yes" : "no"} \\|`), "the doc's table gives the rule's severity and certification");
      for (const section of SECTIONS) assert.ok(doc.includes(`\n${section}\n`), `${rule.id}/README.md has no "${section}" section`);

      const source = readFileSync(path.join(folder, "rule.ts"), "utf8");
      assert.match(source, new RegExp(`id: "${rule.id}"`), "rule.ts declares the folder's id");
      assert.doesNotMatch(source, /from "node:|from "fs"|\bany\b\s*[;,)>]|: any\b/, "rules do no IO and use no any");

      const { cases } = (await import(new URL(`../../scripts/lint/rules/${rule.id}/cases.js`, import.meta.url).href)) as { cases: RuleCase[] };
      assert.ok(cases.some((c) => c.findings.length > 0), "at least one case fails the rule");
      assert.ok(cases.some((c) => c.findings.length === 0), "at least one case passes it");
      assert.equal(new Set(cases.map((c) => c.name)).size, cases.length, "case names are distinct");
    });
  }
});

describe("the cases' starting documents are clean", () => {
  // Passing cases mean something only if the document they start from passes every rule.
  test("swagger() and apiPropertiesFile() pass the whole Power Platform ruleset", async () => {
    for (const document of [swagger(), apiPropertiesFile()]) {
      const results = await runAll(document);
      assert.deepEqual(results.map((r) => `${r.code}: ${r.message}`), []);
    }
  });
});

describe("the linter's README", () => {
  test("lists every rule with its severity", () => {
    const readme = readFileSync(path.resolve(process.cwd(), "scripts/lint/README.md"), "utf8");
    for (const rule of rules) {
      const severity = `${rule.severity}${rule.certification === true ? " (cert.)" : ""}`;
      assert.ok(readme.includes(`| [${rule.id}](rules/${rule.id}/README.md) | ${severity} |`), `scripts/lint/README.md does not list ${rule.id} as ${severity}`);
    }
  });
});
