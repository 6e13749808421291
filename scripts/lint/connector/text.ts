/** Words Power Platform's validator refuses in names and descriptions, and the checks that find them. */

/** Refused in `info.title` ("…restricted words: 'api, connector'"). */
export const TITLE_RESTRICTED_WORDS = ["api", "connector"] as const;

/** Power Platform product names, refused in titles, descriptions and summaries at certification. */
export const PRODUCT_NAMES = ["Power Apps", "PowerApps", "Power Automate", "Microsoft Flow", "Logic Apps", "Power Platform", "Power BI", "Copilot Studio", "Power Virtual Agents"] as const;

/** The whole words of `words` that `text` contains, case-insensitively, in the order of `words`. */
export function wordsIn(text: string, words: readonly string[]): string[] {
  return words.filter((word) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(word)}($|[^\\p{L}\\p{N}])`, "iu").test(text));
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Quotes a value for a message the way the validator does: 'value'. */
export function quote(value: unknown): string {
  return `'${typeof value === "string" ? value : JSON.stringify(value)}'`;
}

/** Levenshtein distance, for did-you-mean suggestions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The closest of `candidates` to `name`, if it is close enough to be a slip of the keyboard. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 5)) ? best : undefined;
}
