import type { ISpectralDiagnostic } from "@stoplight/spectral-core";

/**
 * The findings of `current` that `base` did not have. A finding is the same when its rule, JSON path and message
 * are, wherever its line moved; a finding that appears more often than before counts as new that many times.
 */
export function newFindings(current: readonly ISpectralDiagnostic[], base: readonly ISpectralDiagnostic[]): ISpectralDiagnostic[] {
  const remaining = new Map<string, number>();
  for (const finding of base) remaining.set(identity(finding), (remaining.get(identity(finding)) ?? 0) + 1);
  return current.filter((finding) => {
    const key = identity(finding);
    const left = remaining.get(key) ?? 0;
    if (left === 0) return true;
    remaining.set(key, left - 1);
    return false;
  });
}

function identity(finding: ISpectralDiagnostic): string {
  // Spectral reports array indexes as numbers or strings depending on the parser.
  return JSON.stringify([String(finding.code), finding.path.map(String), finding.message]);
}
