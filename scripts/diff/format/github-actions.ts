/**
 * GitHub workflow commands: one annotation per breaking change (error) and warning, on the head file where the
 * change is; removals (nothing left in the head) on the base file at its old line. Safe changes are left to the
 * job summary: annotations are for what a reviewer must look at.
 */
import type { ReportedFinding, ReportedPlace } from "../compare/findings.js";
import { subject, type DiffReport } from "./report.js";

export function formatGithubActions(report: DiffReport): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    if (f.severity === "safe") continue;
    const level = f.severity === "breaking" && !report.allowBreaking ? "error" : "warning";
    const removal = f.head === undefined || f.code === "operation-removed" || f.code === "input-removed" || f.code === "output-removed";
    const at = removal && f.base ? f.base : f.head ?? f.base;
    lines.push(command(level, f, at));
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

function command(level: string, f: ReportedFinding, at: ReportedPlace | undefined): string {
  const props: string[] = [];
  if (at) {
    // Only the first line: the range of a parameter or schema spans the whole object, too much to highlight.
    props.push(`file=${property(at.file)}`, `line=${at.range.start.line + 1}`, `col=${at.range.start.character + 1}`);
  }
  props.push(`title=${property(`conduit diff ${f.code}: ${subject(f)}`)}`);
  const parts = [f.message];
  if (at?.revision !== undefined) parts.push(`(line ${at.range.start.line + 1} of ${at.file} at ${at.revision})`);
  if (f.flows) parts.push(`\nFlows: ${f.flows}`);
  if (f.canvas) parts.push(`\nCanvas apps: ${f.canvas}`);
  if (f.advice) parts.push(`\nTo make it safe: ${f.advice}`);
  return `::${level} ${props.join(",")}::${data(parts.join(" ").replace(/ \n/g, "\n"))}`;
}

// GitHub reads a workflow command up to the line's end: line feeds and `%` must be escaped (and `:` `,` in properties).
function data(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function property(text: string): string {
  return data(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
