import { parseLocalRef as parseModelRef } from "../../model/refs.js";
import { has, isObject, type JsonPath } from "./json.js";

/** `#/definitions/A~1B` → ["definitions", "A/B"]; undefined for a reference to another file. */
export function parseLocalRef(ref: string): string[] | undefined {
  return ref === "#/" ? [] : parseModelRef(ref);
}

export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && /^\d+$/.test(String(segment))) node = node[Number(segment)];
    else if (isObject(node) && has(node, String(segment))) node = node[String(segment)];
    else return undefined;
  }
  return node;
}

export function refOf(value: unknown): string | undefined {
  return isObject(value) && typeof value["$ref"] === "string" ? value["$ref"] : undefined;
}

/** Where a chain of local `$ref`s ends: its value and path, or nothing for a missing, external or cyclic chain. */
export function follow(root: unknown, value: unknown, path: JsonPath): { value: unknown; path: JsonPath } | undefined {
  let current = value;
  let at = path;
  const seen = new Set<string>();
  for (let ref = refOf(current); ref !== undefined; ref = refOf(current)) {
    const target = parseLocalRef(ref);
    if (target === undefined || seen.has(ref)) return undefined;
    seen.add(ref);
    current = valueAt(root, target);
    if (current === undefined) return undefined;
    at = target;
  }
  return { value: current, path: at };
}
