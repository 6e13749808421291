import spectralCore from "@stoplight/spectral-core";
import type { ISpectralDiagnostic } from "@stoplight/spectral-core";
import spectralFormats from "@stoplight/spectral-formats";
import spectralParsers from "@stoplight/spectral-parsers";
import { stringify } from "yaml";
import { apiProperties } from "../../scripts/lint/formats.js";
import type { ConnectorRule } from "../../scripts/lint/rule.js";
import { CASE_SOURCE, type RuleCase } from "../../scripts/lint/rule-cases.js";
import { createRuleset, toSpectralRule, type RulesetOptions } from "../../scripts/lint/ruleset.js";

const { Spectral, Document } = spectralCore;

/** Runs one rule alone, with real Spectral, on a case's document written as JSON or as YAML. */
export async function runRule(rule: ConnectorRule, testCase: RuleCase, syntax: "json" | "yaml", options: RulesetOptions = {}): Promise<ISpectralDiagnostic[]> {
  const document = toDocument(testCase.document, syntax);
  const caseOptions = { ...options, ...testCase.options };
  if (caseOptions.projectSpec === CASE_SOURCE) caseOptions.projectSpec = document.source ?? undefined;
  const spectral = new Spectral();
  spectral.setRuleset({
    formats: [spectralFormats.oas2, spectralFormats.oas3, apiProperties],
    rules: { [rule.id]: toSpectralRule(rule, caseOptions) },
  });
  const results = await spectral.run(document);
  return results.filter((r) => r.code === rule.id);
}

/** Runs the whole Power Platform ruleset on a document. */
export async function runAll(document: unknown, syntax: "json" | "yaml" = "json", options: RulesetOptions = {}): Promise<ISpectralDiagnostic[]> {
  const spectral = new Spectral();
  spectral.setRuleset(createRuleset(options));
  return spectral.run(toDocument(document, syntax));
}

function toDocument(document: unknown, syntax: "json" | "yaml") {
  return syntax === "json"
    ? new Document(JSON.stringify(document, null, 2), spectralParsers.Json, "case.json")
    : new Document(stringify(document, { aliasDuplicateObjects: false }), spectralParsers.Yaml, "case.yaml");
}
