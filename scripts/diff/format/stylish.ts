/** For a terminal: grouped by operation, breaking first, safe changes in a short list at the end. */
import type { ReportedFinding } from "../compare/findings.js";
import { countFindings, countLine, subject, where, type DiffReport } from "./report.js";

export function formatStylish(report: DiffReport): string {
  const file = report.head.file === report.head.label ? "" : ` (${report.head.file})`;
  const lines: string[] = [`conduit diff: ${report.base.label} → ${report.head.label}${file}`];
  if (report.newConnector) lines.push(`${report.base.label} has no ${report.base.file}: a new connector, so nothing can break.`);
  const serious = report.findings.filter((f) => f.severity !== "safe");
  const safe = report.findings.filter((f) => f.severity === "safe");
  const groups = new Map<string, ReportedFinding[]>();
  for (const f of serious) groups.set(subject(f), [...(groups.get(subject(f)) ?? []), f]);
  for (const [name, findings] of groups) {
    lines.push("", name);
    for (const f of findings) {
      lines.push(`  ${f.severity.padEnd(8)}  ${f.code}  ${plain(f.message)}`);
      const indent = " ".repeat(12);
      if (f.flows) lines.push(`${indent}flows: ${plain(f.flows)}`);
      if (f.canvas) lines.push(`${indent}canvas apps: ${plain(f.canvas)}`);
      const places = [f.head ? `head ${where(f.head)}` : "", f.base ? `base ${where(f.base)}` : ""].filter((p) => p !== "");
      if (places.length > 0) lines.push(`${indent}${places.join("   ")}`);
      if (f.advice) lines.push(`${indent}to make it safe: ${plain(f.advice)}`);
    }
  }
  if (safe.length > 0) {
    lines.push("", "safe changes");
    for (const f of safe) lines.push(`  ${f.code}  ${subject(f)}: ${plain(f.message)}`);
  }
  const counts = countFindings(report.findings);
  lines.push("", report.findings.length === 0 ? "no changes to the contract" : countLine(counts));
  if (counts.breaking > 0 && report.allowBreaking) lines.push("breaking changes acknowledged (--allow-breaking): not failing");
  return `${lines.join("\n")}\n`;
}

/** Backticks read well in Markdown; in a terminal they are noise. */
function plain(text: string): string {
  return text.replace(/`/g, "");
}
