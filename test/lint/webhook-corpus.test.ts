/**
 * The webhook and test-connection rules on every accepted connector that has webhook triggers or a connection
 * test, in ../shared/corpus and ../shared/corpus-wide (the wide corpus is too slow for the whole ruleset in a
 * test; these rules alone take well under a second). An error-level finding on a connector Power Platform
 * accepted is a false positive; the warnings are counted per rule in a snapshot the rules' READMEs quote.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { toPlain } from "../../scripts/bundle/ordered.js";
import { parseConnectorJson } from "../../scripts/import/read-json.js";
import type { ConnectorRule } from "../../scripts/lint/rule.js";
import { RULES } from "../../scripts/lint/rules/index.js";

const CORPORA = ["../shared/corpus", "../shared/corpus-wide"].map((c) => path.resolve(process.cwd(), c));
const SNAPSHOT = path.resolve(process.cwd(), "test/lint/webhook-corpus.snap.md");
const RULE_IDS = [
  "pp-notification-content",
  "pp-notification-url",
  "pp-notification-url-internal",
  "pp-test-connection",
  "pp-webhook-delete",
  "pp-webhook-response",
  "pp-webhook-trigger",
] as const;

test("webhook rules on the accepted connectors: no errors, and the warnings of the snapshot", { skip: !CORPORA.every(existsSync) && "no ../shared/corpus or corpus-wide" }, () => {
  const files = CORPORA.flatMap((corpus) =>
    readdirSync(corpus, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => path.join(corpus, e.name, "apiDefinition.swagger.json"))
      .filter(existsSync),
  ).sort();
  const counts = new Map<string, { findings: number; connectors: Set<string> }>(RULE_IDS.map((id) => [id, { findings: 0, connectors: new Set() }]));
  const errors: string[] = [];
  let connectors = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("x-ms-notification") && !text.includes("testConnection")) continue;
    const name = path.relative(path.resolve(process.cwd(), ".."), path.dirname(file));
    let root: unknown;
    try {
      root = toPlain(parseConnectorJson(readFileSync(file), name).value);
    } catch {
      continue; // not readable as JSON at all: conduit lint reports it as a parse finding
    }
    connectors++;
    for (const id of RULE_IDS) {
      const rule: ConnectorRule = RULES[id];
      const findings = rule.check(root, { root, path: [], source: name, options: {} });
      const entry = counts.get(id)!;
      entry.findings += findings.length;
      if (findings.length > 0) entry.connectors.add(name);
      if (rule.severity === "error") errors.push(...findings.map((f) => `${name} ${id} ${JSON.stringify(f.path)}: ${f.message}`));
    }
  }
  assert.deepEqual(errors, [], "error-level findings on connectors the platform accepted");
  const snapshot = [
    "# Webhook and test-connection rules on the accepted connectors",
    "",
    `${connectors} connectors of ../shared/corpus and ../shared/corpus-wide with webhooks or a connection test.`,
    "Written by test/lint/webhook-corpus.test.ts (UPDATE_SNAPSHOTS=1 to rewrite).",
    "",
    "| Rule | Severity | Findings | Connectors |",
    "|---|---|---|---|",
    ...RULE_IDS.map((id) => `| ${id} | ${RULES[id].severity} | ${counts.get(id)!.findings} | ${counts.get(id)!.connectors.size} |`),
    "",
  ].join("\n");
  if (process.env["UPDATE_SNAPSHOTS"] === "1") writeFileSync(SNAPSHOT, snapshot);
  assert.equal(snapshot, readFileSync(SNAPSHOT, "utf8"), "the findings changed: review them, then rerun with UPDATE_SNAPSHOTS=1");
});
