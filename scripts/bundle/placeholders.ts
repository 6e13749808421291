import { isJsonObject, type JsonObject, type JsonPath, type JsonValue } from "./ordered.js";

/**
 * `${NAME}` (required) or `${NAME:-fallback}` (optional; the fallback may be empty). `$${` is an escape for
 * the literal text `${`, matched first so that what follows it is never read as a placeholder.
 */
const PLACEHOLDER = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const ESCAPE = "$${";

export interface PlaceholderUse {
  readonly name: string;
  /** Where the placeholder stands in the document it was found in. */
  readonly path: JsonPath;
  /** True for `${NAME:-fallback}`. */
  readonly optional: boolean;
}

export function findPlaceholders(value: JsonValue, path: JsonPath = []): PlaceholderUse[] {
  const uses: PlaceholderUse[] = [];
  const walk = (node: JsonValue, at: JsonPath): void => {
    if (typeof node === "string") {
      for (const match of node.matchAll(PLACEHOLDER)) {
        if (match[0] === ESCAPE) continue;
        uses.push({ name: match[1] ?? "", path: at, optional: match[2] !== undefined });
      }
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...at, i]));
    } else if (isJsonObject(node)) {
      for (const [key, item] of node) walk(item, [...at, key]);
    }
  };
  walk(value, path);
  return uses;
}

export interface SubstituteOptions {
  /**
   * Leave `$${` escaped (default: turn it into `${`), so that a later `findPlaceholders` over the result still tells
   * a placeholder nobody filled from literal text; `unescapeAll` then gives the final text.
   */
  readonly keepEscapes?: boolean;
}

/** Fills placeholders whose value is known; unknown required ones are left as written (the caller checks). */
export function substitute<T extends JsonValue>(value: T, lookup: (name: string) => string | undefined, options: SubstituteOptions = {}): T {
  return mapStrings(value, (text) => substituteString(text, lookup, options)) as T;
}

function mapStrings(value: JsonValue, map: (text: string) => string): JsonValue {
  if (typeof value === "string") return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (isJsonObject(value)) {
    const out: JsonObject = new Map();
    for (const [key, item] of value) out.set(key, mapStrings(item, map));
    return out;
  }
  return value;
}

export function substituteString(text: string, lookup: (name: string) => string | undefined, options: SubstituteOptions = {}): string {
  return text.replace(PLACEHOLDER, (whole: string, name: string | undefined, fallback: string | undefined) => {
    if (whole === ESCAPE || name === undefined) return options.keepEscapes ? whole : whole.slice(1);
    const found = lookup(name);
    // A value goes in as it is: escaped while escapes are kept, so that a `${` inside it stays text.
    if (found !== undefined && found !== "") return options.keepEscapes ? escapePlaceholders(found) : found;
    return fallback ?? whole;
  });
}

/** Text that bundle must give back unchanged: every `${` becomes `$${`. */
export function escapePlaceholders(text: string): string {
  return text.replace(/\$\{/g, "$$${");
}

/** The inverse of escapePlaceholders: every `$${` becomes `${`, read left to right as substitution reads it. */
export function unescapePlaceholders(text: string): string {
  return text.replace(/\$\$\{/g, "${");
}

/** unescapePlaceholders over every string of a document. */
export function unescapeAll<T extends JsonValue>(value: T): T {
  return mapStrings(value, unescapePlaceholders) as T;
}
