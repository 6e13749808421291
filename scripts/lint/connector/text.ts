/** Words Power Platform's validator refuses in names and descriptions, and the checks that find them. */

import { editDistance } from "../../suggest.js";

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

/** The closest of `candidates` to `name`, if it is close enough to be a slip of the keyboard (a looser bound than
 * the CLI's `closest`: spec names are longer and a lint finding only suggests). */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 5)) ? best : undefined;
}
