/**
 * A pull-request comment or job summary: one summary line, then breaking changes and warnings (each with its
 * details folded), then the safe changes in one folded list.
 */
import type { ReportedFinding } from "../compare/findings.js";
import { countFindings, countLine, plural, subject, where, type DiffReport } from "./report.js";

const ICON = { breaking: "🔴", warning: "🟡", safe: "🟢" } as const;

export function formatMarkdown(report: DiffReport): string {
  const counts = countFindings(report.findings);
  const out: string[] = [];
  const verdict = counts.breaking > 0
    ? report.allowBreaking ? `${ICON.breaking} **${plural(counts.breaking, "breaking change")}** (acknowledged with \`conduit: allow-breaking\`)` : `${ICON.breaking} **${plural(counts.breaking, "breaking change")}**`
    : `${ICON.safe} **no breaking changes**`;
  const rest = [counts.warning > 0 ? plural(counts.warning, "warning") : "", counts.safe > 0 ? plural(counts.safe, "safe change") : ""].filter((s) => s !== "");
  out.push(`### conduit diff: ${verdict}${rest.length > 0 ? `, ${rest.join(", ")}` : ""}`);
  out.push("", `\`${report.base.label}\` → \`${report.head.label}\`${report.head.file === report.head.label ? "" : ` · \`${report.head.file}\``}`);
  if (report.newConnector) out.push("", `\`${report.base.label}\` has no \`${report.base.file}\`: this is a new connector, so nothing can break.`);
  if (report.findings.length === 0) out.push("", "No changes to the operations, inputs or outputs that flows and canvas apps use.");
  section(out, "Breaking changes", report.findings.filter((f) => f.severity === "breaking"));
  section(out, "Warnings", report.findings.filter((f) => f.severity === "warning"));
  const safe = report.findings.filter((f) => f.severity === "safe");
  if (safe.length > 0) {
    out.push("", `<details><summary>${plural(safe.length, "safe change")}</summary>`, "");
    for (const f of safe) out.push(`- ${ICON.safe} **${escape(subject(f))}**: ${escape(f.message)} <sub>\`${f.code}\`</sub>`);
    out.push("", "</details>");
  }
  if (counts.breaking > 0 && !report.allowBreaking) {
    out.push("", "If these changes are intended (users were told, or nothing uses these operations yet), add a line `conduit: allow-breaking` to the pull request's description.");
  }
  out.push("", `<sub>${countLine(counts)} · codes and what they mean: docs/pull-requests.md</sub>`);
  return `${out.join("\n")}\n`;
}

function section(out: string[], title: string, findings: readonly ReportedFinding[]): void {
  if (findings.length === 0) return;
  out.push("", `#### ${title}`, "");
  for (const f of findings) {
    out.push(`<details><summary>${ICON[f.severity]} <b>${html(subject(f))}</b>: ${inline(f.message)} <code>${f.code}</code></summary>`, "");
    if (f.flows) out.push(`- **Flows:** ${escape(f.flows)}`);
    if (f.canvas) out.push(`- **Canvas apps:** ${escape(f.canvas)}`);
    const places = [f.base ? `base \`${where(f.base)}\`` : "", f.head ? `head \`${where(f.head)}\`` : ""].filter((p) => p !== "");
    if (places.length > 0) out.push(`- **Where:** ${places.join(" → ")}`);
    if (f.advice) out.push(`- **To make it safe:** ${escape(f.advice)}`);
    out.push("", "</details>", "");
  }
}

/** Markdown text: outside code spans, keep `|`, `<` and `*` from being read as markup. */
function escape(text: string): string {
  return text
    .split("`")
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/\*/g, "\\*")))
    .join("`");
}

/** Inside `<summary>` Markdown is not rendered: code spans become <code>. */
function inline(text: string): string {
  return html(text).replace(/`([^`]*)`/g, "<code>$1</code>");
}

function html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
