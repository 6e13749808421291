import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ConnectorRule } from "../../scripts/lint/rule.js";
import type { RuleCase } from "../../scripts/lint/rule-cases.js";
import { severityOf } from "../../scripts/lint/ruleset.js";
import { RULES } from "../../scripts/lint/rules/index.js";
import { runRule } from "./rule-harness.js";

const SEVERITY = { error: 0, warn: 1, info: 2 } as const;

/** Each rule's own table (scripts/lint/rules/<id>/cases.ts), run with real Spectral on JSON and YAML text. */
for (const rule of Object.values<ConnectorRule>(RULES)) {
  const { cases } = (await import(new URL(`../../scripts/lint/rules/${rule.id}/cases.js`, import.meta.url).href)) as { cases: RuleCase[] };
  describe(rule.id, () => {
    for (const testCase of cases) {
      test(testCase.name, async () => {
        for (const syntax of ["json", "yaml"] as const) {
          const results = await runRule(rule, testCase, syntax);
          // Spectral reports array indexes as strings in some sources and numbers in others.
          const actual = results.map((r) => key(r.path)).sort();
          const expected = testCase.findings.map((f) => key(f.path)).sort();
          assert.deepEqual(actual, expected, `${syntax}: ${results.map((r) => r.message).join(" | ")}`);
          for (const finding of testCase.findings) {
            const result = results.find((r) => key(r.path) === key(finding.path));
            if (finding.message !== undefined) assert.match(result?.message ?? "", finding.message instanceof RegExp ? finding.message : new RegExp(escape(finding.message)));
            assert.equal(result?.severity, SEVERITY[rule.severity], "severity");
          }
        }
      });
    }
  });
}

describe("--certification", () => {
  test("raises certification rules to errors and leaves the others alone", () => {
    for (const rule of Object.values<ConnectorRule>(RULES)) {
      assert.equal(severityOf(rule, { certification: true }), rule.certification === true ? "error" : rule.severity, rule.id);
      assert.equal(severityOf(rule, {}), rule.severity, rule.id);
    }
  });
});

function key(path: readonly (string | number)[]): string {
  return JSON.stringify(path.map(String));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
