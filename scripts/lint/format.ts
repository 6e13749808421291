import spectralFormatters from "@stoplight/spectral-formatters";
import type { ISpectralDiagnostic, Ruleset } from "@stoplight/spectral-core";
import { displayPath } from "../project.js";
import type { OutputFormat } from "./options.js";

// The version written into SARIF's tool.driver; Spectral's formatters want one.
const SPECTRAL_CORE_VERSION = "1.24.1";

/**
 * Spectral's own formatters, so that output matches what Spectral users and GitHub already read.
 * github-actions and sarif print paths relative to the working directory; stylish shows them short too.
 */
export function formatResults(results: readonly ISpectralDiagnostic[], format: OutputFormat, ruleset: Ruleset, failSeverity: number): string {
  const options = { failSeverity };
  const ctx = { ruleset, spectralVersion: SPECTRAL_CORE_VERSION };
  switch (format) {
    case "stylish":
      return spectralFormatters.stylish(results.map((r) => ({ ...r, source: r.source === undefined ? undefined : displayPath(r.source) })), options, ctx);
    case "json":
      return spectralFormatters.json([...results], options, ctx);
    case "github-actions":
      return spectralFormatters.githubActions([...results], options, ctx);
    case "sarif":
      return spectralFormatters.sarif([...results], options, ctx);
  }
}
