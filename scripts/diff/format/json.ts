/** For tools: the whole report as JSON. Ranges are zero-based, as in Spectral's JSON output. */
import { countFindings, type DiffReport } from "./report.js";

export function formatJson(report: DiffReport): string {
  const counts = countFindings(report.findings);
  return `${JSON.stringify(
    {
      base: report.base,
      head: report.head,
      newConnector: report.newConnector,
      allowBreaking: report.allowBreaking,
      summary: counts,
      findings: report.findings,
    },
    null,
    2,
  )}\n`;
}
