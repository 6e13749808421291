/**
 * conduit-stored-string-length on real connectors: run as if each of the 54 corpus and 400-odd corpus-wide
 * definitions were the project's own spec (elsewhere the rule is silent), with real Spectral, it never errs and
 * never fails, only warns, at places that exist in the document.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import spectralCore from "@stoplight/spectral-core";
import spectralFormats from "@stoplight/spectral-formats";
import spectralParsers from "@stoplight/spectral-parsers";
import { toSpectralRule } from "../../scripts/lint/ruleset.js";
import { RULES } from "../../scripts/lint/rules/index.js";
import { valueAt } from "../../scripts/lint/connector/refs.js";
import { SHARED } from "../bundle/power-platform.js";

const { Spectral, Document } = spectralCore;
const rule = RULES["conduit-stored-string-length"];

function definitions(corpus: string): string[] {
  const dir = path.join(SHARED, corpus);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => path.join(dir, name, "apiDefinition.swagger.json"))
    .filter((file) => existsSync(file))
    .sort();
}

for (const corpus of ["corpus", "corpus-wide"]) {
  const files = definitions(corpus);
  test(`on ../shared/${corpus} (${files.length} definitions), as each one's project spec: warnings only, at real places`, { skip: files.length === 0 && `no ../shared/${corpus}` }, async (t) => {
    let warned = 0;
    let findings = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        continue; // not JSON at all: Spectral's parser reports that, not this rule
      }
      const spectral = new Spectral();
      spectral.setRuleset({ formats: [spectralFormats.oas2], rules: { [rule.id]: toSpectralRule(rule, { projectSpec: file }) } });
      const results = (await spectral.run(new Document(text, spectralParsers.Json, file))).filter((r) => r.code === rule.id);
      assert.ok(results.every((r) => r.severity === 1), `${file}: only warnings`);
      for (const r of results) assert.notEqual(valueAt(parsed, r.path), undefined, `${file}: ${r.path.join(".")} exists`);
      if (results.length > 0) warned++;
      findings += results.length;
    }
    t.diagnostic(`${findings} warnings in ${warned} of ${files.length} definitions; 0 errors`);
  });
}
