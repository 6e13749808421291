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

/** Fills placeholders whose value is known; unknown required ones are left as written (the caller checks). */
export function substitute<T extends JsonValue>(value: T, lookup: (name: string) => string | undefined): T {
  return substituteAny(value, lookup) as T;
}

function substituteAny(value: JsonValue, lookup: (name: string) => string | undefined): JsonValue {
  if (typeof value === "string") return substituteString(value, lookup);
  if (Array.isArray(value)) return value.map((item) => substituteAny(item, lookup));
  if (isJsonObject(value)) {
    const out: JsonObject = new Map();
    for (const [key, item] of value) out.set(key, substituteAny(item, lookup));
    return out;
  }
  return value;
}

export function substituteString(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(PLACEHOLDER, (whole: string, name: string | undefined, fallback: string | undefined) => {
    if (whole === ESCAPE || name === undefined) return whole.slice(1);
    const found = lookup(name);
    if (found !== undefined && found !== "") return found;
    return fallback ?? whole;
  });
}

/** Text that bundle must give back unchanged: every `${` becomes `$${`. */
export function escapePlaceholders(text: string): string {
  return text.replace(/\$\{/g, "$$${");
}
