/**
 * The files of one side (the spec and every file it `$ref`s), and `$ref` resolution across them. Pure: the loader
 * reads the files; this only looks values up.
 */
import path from "node:path";
import { getAtPath, isObject, parseLocalRef } from "../../model/refs.js";
import type { JsonPath } from "./contract.js";

export interface DocumentSet {
  /** The key of the spec itself. */
  readonly main: string;
  /** Parsed JSON values keyed by file key: paths relative to the same folder as `main`'s key, `/`-separated. */
  readonly files: ReadonlyMap<string, unknown>;
}

/** A value and where it is: the file key and the JSON path inside that file. */
export interface Located {
  readonly file: string;
  readonly path: JsonPath;
  readonly value: unknown;
}

/** The file key a `$ref` written in `from` names: `../common.yaml#/X` → `spec/../common.yaml` normalized. */
export function refTarget(from: string, ref: string): { file: string; fragment: string } {
  const hash = ref.indexOf("#");
  const filePart = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? "#" : ref.slice(hash);
  if (filePart === "") return { file: from, fragment };
  return { file: path.posix.normalize(path.posix.join(path.posix.dirname(from), filePart)), fragment };
}

/** Whether a `$ref` value points into another file. */
export function isExternalRef(ref: string): boolean {
  return !ref.startsWith("#");
}

/** Resolves one `$ref` written in `from`; undefined when it leads nowhere. */
export function resolveRef(set: DocumentSet, from: string, ref: string): Located | undefined {
  const { file, fragment } = refTarget(from, ref);
  const root = set.files.get(file);
  if (root === undefined) return undefined;
  const segments = parseLocalRef(fragment);
  if (segments === undefined) return undefined;
  const value = getAtPath(root, segments);
  return value === undefined ? undefined : { file, path: segments, value };
}

/**
 * Follows a chain of `$ref`s from a located value. `ref` is the first `$ref` followed (its name tells whether a
 * schema was swapped for another); `key` identifies the final target (for cycle checks). A broken or circular
 * chain yields an undefined value.
 */
export function dereference(set: DocumentSet, start: Located): Located & { ref: string; key: string } {
  let current: Located = start;
  let firstRef = "";
  const seen = new Set<string>();
  while (isObject(current.value) && typeof current.value["$ref"] === "string") {
    const ref = current.value["$ref"];
    if (firstRef === "") firstRef = ref;
    const target = resolveRef(set, current.file, ref);
    const key = target === undefined ? "" : `${target.file}#${target.path.join("/")}`;
    if (target === undefined || seen.has(key)) return { ...current, value: undefined, ref: firstRef, key };
    seen.add(key);
    current = target;
  }
  return { ...current, ref: firstRef, key: `${current.file}#${current.path.join("/")}` };
}

/** The child of a located object or array. */
export function child(parent: Located, key: string | number): Located {
  const value = Array.isArray(parent.value)
    ? typeof key === "number" ? parent.value[key] : undefined
    : isObject(parent.value) && Object.prototype.hasOwnProperty.call(parent.value, key) ? parent.value[key] : undefined;
  return { file: parent.file, path: [...parent.path, key], value };
}
