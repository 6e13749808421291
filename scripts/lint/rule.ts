import type { JsonPath } from "./connector/json.js";

/**
 * Severity has one meaning across the ruleset:
 * - error: Power Platform refuses the definition (upload, update, or certification where that is the only path);
 * - warn: the platform takes it, but a user will be hurt (certification requirements of custom connectors,
 *   settings silently ignored, Power Fx renames, invalid examples);
 * - info: style.
 */
export type RuleSeverity = "error" | "warn" | "info";

/** Which files a rule reads. */
export type RuleDocument = "swagger" | "apiProperties" | "openapi3";

/** A defect, at the exact JSON path of the offending key or value. */
export interface Finding {
  readonly message: string;
  readonly path: JsonPath;
}

/** Facts the runner knows about the project, passed to rules as data (rules do no IO). */
export interface RuleOptions {
  /** `extensions.http.routePrefix` from the project's host.json. */
  readonly routePrefix?: string | undefined;
  /** The project's own definition (absolute path): project rules apply to it alone. */
  readonly projectSpec?: string | undefined;
}

export interface RuleContext {
  /** The whole document as written (references not resolved). */
  readonly root: unknown;
  /** The path of the value that `given` selected. */
  readonly path: JsonPath;
  /** The file being linted, as the runner named it. */
  readonly source: string | undefined;
  readonly options: RuleOptions;
  /** The formats Spectral recognised the document as (for rules that call Spectral's own functions). */
  readonly formats?: ReadonlySet<unknown> | undefined;
}

export interface ConnectorRule<Id extends string = string> {
  readonly id: Id;
  /** One sentence: what the rule asks for. Also the first line of the rule's README. */
  readonly description: string;
  readonly severity: RuleSeverity;
  /** A certification requirement: a warning for custom connectors, an error under `--certification`. */
  readonly certification?: boolean;
  readonly document: RuleDocument;
  /** Spectral JSONPath(s) of the values `check` receives. */
  readonly given: string | readonly string[];
  /** Pure: the same document gives the same findings. */
  check(target: unknown, context: RuleContext): Finding[];
}

/** Keeps the id's literal type, so that the registry can check names. */
export function defineRule<const Id extends string>(rule: ConnectorRule<Id>): ConnectorRule<Id> {
  return rule;
}
