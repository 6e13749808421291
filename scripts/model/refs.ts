/** Local JSON references (`#/definitions/X`, `#/parameters/X`): parsing and lookup in the document. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `#/a/b~1c` → ["a", "b/c"]; undefined for references outside the document. Percent-encoding is undone
 * because specs write both `#/definitions/Foo%20Bar` and `#/definitions/Foo Bar`.
 */
export function parseLocalRef(ref: string): string[] | undefined {
  if (!ref.startsWith("#")) return undefined;
  const fragment = ref.slice(1);
  if (fragment === "") return [];
  if (!fragment.startsWith("/")) return undefined;
  return fragment
    .slice(1)
    .split("/")
    .map((segment) => unescapePointer(safeDecode(segment)));
}

function safeDecode(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function getAtPath(root: unknown, segments: readonly string[]): unknown {
  let node: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(node)) {
      node = /^\d+$/.test(segment) ? node[Number(segment)] : undefined;
    } else if (isObject(node)) {
      node = Object.prototype.hasOwnProperty.call(node, segment) ? node[segment] : undefined;
    } else {
      return undefined;
    }
  }
  return node;
}

/** Follows a chain of `$ref`s (as parameter and response objects use them); stops at cycles. */
export function dereference(root: unknown, value: unknown): { value: unknown; ref?: string; broken?: string } {
  let current = value;
  let firstRef: string | undefined;
  const seen = new Set<string>();
  while (isObject(current) && typeof current["$ref"] === "string") {
    const ref = current["$ref"];
    firstRef ??= ref;
    if (seen.has(ref)) return { value: undefined, ref: firstRef, broken: ref };
    seen.add(ref);
    const segments = parseLocalRef(ref);
    const target = segments === undefined ? undefined : getAtPath(root, segments);
    if (target === undefined) return { value: undefined, ref: firstRef, broken: ref };
    current = target;
  }
  return firstRef === undefined ? { value: current } : { value: current, ref: firstRef };
}

export interface ReferenceSite {
  readonly ref: string;
  /** JSON path of the `$ref` key. */
  readonly path: (string | number)[];
}

/** Every `$ref` in the document: local ones that resolve to nothing, and ones into other files. */
export function findReferenceProblems(root: unknown): { broken: ReferenceSite[]; external: ReferenceSite[] } {
  const broken: ReferenceSite[] = [];
  const external: ReferenceSite[] = [];
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, [...path, index]));
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        const segments = parseLocalRef(value);
        if (segments === undefined) external.push({ ref: value, path: [...path, key] });
        else if (getAtPath(root, segments) === undefined) broken.push({ ref: value, path: [...path, key] });
      } else if (!key.startsWith("x-") || typeof value === "object") {
        visit(value, [...path, key]);
      }
    }
  };
  visit(root, []);
  return { broken, external };
}
