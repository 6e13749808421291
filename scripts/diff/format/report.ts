/** What every formatter receives: the findings and how the two sides were named. Formatters are pure. */
import { formatLocation } from "../../diagnostics.js";
import type { ChangeSeverity, ReportedFinding, ReportedPlace } from "../compare/findings.js";

export interface DiffReport {
  readonly base: SideLabel;
  readonly head: SideLabel;
  /** Sorted: breaking first, then warnings, then safe changes. */
  readonly findings: readonly ReportedFinding[];
  /** Breaking changes were acknowledged (`--allow-breaking`): they are reported but do not fail. */
  readonly allowBreaking: boolean;
  /** The base had no spec: a new connector, where nothing can break. */
  readonly newConnector: boolean;
}

export interface SideLabel {
  /** `origin/main`, `working tree`, or a file. */
  readonly label: string;
  /** The spec file as printed. */
  readonly file: string;
}

export type Counts = Record<ChangeSeverity, number>;

export function countFindings(findings: readonly ReportedFinding[]): Counts {
  const counts: Counts = { breaking: 0, warning: 0, safe: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `2 breaking changes, 1 warning, 4 safe changes`. */
export function countLine(counts: Counts): string {
  return `${plural(counts.breaking, "breaking change")}, ${plural(counts.warning, "warning")}, ${plural(counts.safe, "safe change")}`;
}

/** `origin/main:spec/x.yaml:12:5`, or `spec/x.yaml:12:5` for the working tree. */
export function where(place: ReportedPlace): string {
  return formatLocation(place.revision === undefined ? place.file : `${place.revision}:${place.file}`, place.range);
}

/** The subject of a finding: the operation, or "connector" for connector-wide changes. */
export function subject(finding: ReportedFinding): string {
  return finding.operation === "" ? "connector" : finding.operation;
}
