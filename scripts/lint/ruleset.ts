// Named imports: the Spectral CLI bundles this module and serves @stoplight/* packages with named exports only.
import { oas2, oas3 } from "@stoplight/spectral-formats";
import type { IFunctionResult, RuleDefinition, RulesetDefinition, RulesetFunctionContext } from "@stoplight/spectral-core";
import { apiProperties, type DocumentFormat } from "./formats.js";
import type { ConnectorRule, RuleDocument, RuleOptions, RuleSeverity } from "./rule.js";
import { RULES } from "./rules/index.js";

/**
 * The Power Platform ruleset, as a Spectral ruleset object. `.spectral.yaml` extends it next to `spectral:oas`
 * (through the compiled dist/scripts/lint/ruleset.js, so the Spectral CLI and VS Code extension can load it);
 * `conduit lint` builds it in process with the project's options instead (see load-ruleset.ts).
 */
export interface RulesetOptions extends RuleOptions {
  /** Raise certification requirements from warnings to errors. */
  readonly certification?: boolean;
}

/** The repository's files as GitHub shows them: every documentation link of the ruleset is a file under it. */
export const REPOSITORY_FILES_URL = "https://github.com/conduit-dev/conduit/blob/main";
export const RULE_DOCS_URL = `${REPOSITORY_FILES_URL}/scripts/lint/rules`;
/** The linter's README, which lists every rule (a folder URL would show a bare listing). */
export const RULESET_DOCS_URL = `${REPOSITORY_FILES_URL}/scripts/lint/README.md`;

const FORMATS: Record<RuleDocument, DocumentFormat[]> = {
  swagger: [oas2 as DocumentFormat],
  openapi3: [oas3 as DocumentFormat],
  apiProperties: [apiProperties],
};

export function createRuleset(options: RulesetOptions = {}): RulesetDefinition {
  const rules: Record<string, RuleDefinition> = {};
  for (const rule of Object.values<ConnectorRule>(RULES)) rules[rule.id] = toSpectralRule(rule, options);
  return {
    documentationUrl: RULESET_DOCS_URL,
    formats: [oas2, oas3, apiProperties],
    rules,
  };
}

export function severityOf(rule: ConnectorRule, options: RulesetOptions): RuleSeverity {
  return options.certification === true && rule.certification === true ? "error" : rule.severity;
}

export function toSpectralRule(rule: ConnectorRule, options: RulesetOptions): RuleDefinition {
  return {
    description: rule.description,
    documentationUrl: `${RULE_DOCS_URL}/${rule.id}/README.md`,
    severity: severityOf(rule, options),
    formats: FORMATS[rule.document],
    given: typeof rule.given === "string" ? rule.given : [...rule.given],
    // Findings point at what the user wrote, so rules read the document as written and follow $refs themselves.
    resolved: false,
    message: "{{error}}",
    then: {
      function: (target: unknown, _functionOptions: unknown, context: RulesetFunctionContext): IFunctionResult[] =>
        rule.check(target, { root: context.document.data, path: [...context.path], source: context.document.source ?? undefined, options, formats: context.document.formats ?? undefined }).map((f) => ({ message: f.message, path: f.path })),
    },
  };
}

export default createRuleset();
