/** Small numeric helpers shared by the runtime benches: medians, ratios and a line the summary picks up. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function ms(value: number): string {
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms`;
}

export function ratio(value: number): string {
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(2)}x`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** `met` / `MISSED`, for target lines a reader scans for. */
export function verdict(met: boolean): string {
  return met ? "met" : "MISSED";
}

/**
 * A line for `npm run bench`'s closing summary: the runner collects every stdout line that starts with this
 * marker, so each bench states its own headline figures.
 */
export const SUMMARY_MARKER = "SUMMARY:";

export function summary(line: string): void {
  process.stdout.write(`${SUMMARY_MARKER} ${line}\n`);
}
