/**
 * Operation names: valid TypeScript identifiers derived from operationIds, stable for a given spec and unique
 * case-insensitively (they name handler files too). Collisions get numeric suffixes in a fixed order.
 */

const RESERVED = new Set([
  // ECMAScript reserved words, strict-mode and TypeScript contextual keywords.
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
  "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
  "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "as",
  "implements", "interface", "let", "package", "private", "protected", "public", "static", "yield", "await",
  "any", "boolean", "constructor", "declare", "get", "module", "require", "number", "set", "string", "symbol",
  "type", "from", "of", "undefined", "unknown", "never", "object", "bigint", "async", "is", "keyof", "readonly",
  "infer", "satisfies", "accessor", "abstract", "asserts", "global", "namespace", "out", "override",
  "arguments", "eval", "NaN", "Infinity",
  // Globals and the names generated files declare or import next to operation names.
  "Object", "Array", "Promise", "Record", "Error", "String", "Number", "Boolean", "Symbol", "Date", "JSON",
  "Math", "File", "Blob", "Uint8Array", "ArrayBuffer", "globalThis", "require", "module", "exports",
  "operations", "validators", "registrations", "handlers", "contract", "runtime", "api", "createRequire",
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isPlainIdentifier(text: string): boolean {
  return IDENTIFIER.test(text) && !RESERVED.has(text);
}

/**
 * `Get.Item-List` → `GetItemList`, `get items` → `getItems`, `2fa` → `Op2fa`; reserved words get an
 * `Operation` suffix. Only ASCII letters, digits and `_` survive, so the name is also a safe file name.
 */
export function toIdentifier(raw: string, fallback = "Operation"): string {
  let id = joinWords(raw);
  if (id === "") id = fallback;
  if (/^[0-9]/.test(id)) id = `Op${id}`;
  if (RESERVED.has(id)) id = `${id}Operation`;
  return id;
}

/** ASCII words of `raw` in camelCase, the first word's case kept: `get.item-list` → `getItemList`. */
function joinWords(raw: string): string {
  const parts = raw.split(/[^A-Za-z0-9_]+/).filter((part) => part.length > 0);
  return parts.map((part, index) => (index === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1))).join("");
}

/** PascalCase words of a URL path: `/workorders/{id}/notes` → `WorkordersByIdNotes`. */
export function pathWords(path: string): string {
  return path
    .split("?")[0]!
    .split("/")
    .filter((segment) => segment.length > 0)
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      const word = joinWords(param ? param[1]! : segment);
      const pascal = word.charAt(0).toUpperCase() + word.slice(1);
      return param ? `By${pascal}` : pascal;
    })
    .join("");
}

export interface NameRequest {
  /** The text to derive the name from (the operationId). */
  readonly raw: string;
  /** Breaks ties between equal raw texts: method and path. */
  readonly tieBreak: string;
}

/**
 * Assigns one unique identifier per request. Requests whose raw text already is a usable identifier claim it
 * first; the rest are sanitized and suffixed (`2`, `3`, …) in sorted order, so a spec always gets the same
 * names and no two operations ever share one.
 */
export function assignNames(requests: readonly NameRequest[]): string[] {
  const names = new Array<string>(requests.length);
  const taken = new Set<string>();
  const order = requests
    .map((request, index) => ({ request, index, exact: isPlainIdentifier(request.raw) }))
    .sort((a, b) =>
      a.exact !== b.exact ? (a.exact ? -1 : 1) : compare(a.request.raw, b.request.raw) || compare(a.request.tieBreak, b.request.tieBreak),
    );
  for (const { request, index } of order) {
    const base = toIdentifier(request.raw);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}${n}`;
    taken.add(name.toLowerCase());
    names[index] = name;
  }
  return names;
}

/** Code-unit order: independent of locale, so every machine sorts alike. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
