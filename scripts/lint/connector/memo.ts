import { isObject, type JsonObject } from "./json.js";

/**
 * Computes a fact about a document once: every rule of a run sees the same parsed root object, so the
 * indexes that several rules share are built once per document and dropped with it.
 */
export function perDocument<T>(compute: (root: JsonObject) => T, empty: T): (root: unknown) => T {
  const cache = new WeakMap<JsonObject, T>();
  return (root) => {
    if (!isObject(root)) return empty;
    let value = cache.get(root);
    if (value === undefined) {
      value = compute(root);
      cache.set(root, value);
    }
    return value;
  };
}
