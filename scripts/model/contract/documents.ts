/**
 * The files of one side (the spec and every file it `$ref`s), and `$ref` resolution across them. Pure: the loader
 * reads the files; this only looks values up.
 */
import path from "node:path";
import { getAtPath, isObject, parseLocalRef } from "../refs.js";
import type { JsonPath } from "./contract.js";

export interface DocumentSet {
  /** The key of the spec itself. */
  readonly main: string;
  /** Parsed JSON values keyed by file key: paths relative to the same folder as `main`'s key, `/`-separated. */
  readonly files: ReadonlyMap<string, unknown>;
}

/**
 * A value and where it is: the file key and the JSON path inside that file. The path is built only when asked
 * for (a diff walks every schema of both sides, and needs the paths of the few places it reports), so a Located
 * is also a Place. `ref` is the first `$ref` followed to reach it, "" when none was.
 */
export class Located {
  #path: JsonPath | undefined;

  private constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly parent: Located | undefined,
    private readonly key: string | number,
    path: JsonPath | undefined,
    readonly ref: string,
  ) {
    this.#path = path;
  }

  static at(file: string, path: JsonPath, value: unknown, ref = ""): Located {
    return new Located(file, value, undefined, "", path, ref);
  }

  get path(): JsonPath {
    return (this.#path ??= [...this.parent!.path, this.key]);
  }

  /** The child of an object or array (undefined value when there is none). */
  child(key: string | number): Located {
    const v = this.value;
    const value = Array.isArray(v)
      ? typeof key === "number" ? v[key] : undefined
      : isObject(v) && Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined;
    return new Located(this.file, value, this, key, undefined, "");
  }
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

// Specs repeat the same few `$ref`s many times: each is parsed and looked up once per document set.
const resolved = new WeakMap<DocumentSet, Map<string, Located | undefined>>();

/** Resolves one `$ref` written in `from`; undefined when it leads nowhere. */
export function resolveRef(set: DocumentSet, from: string, ref: string): Located | undefined {
  let cache = resolved.get(set);
  if (cache === undefined) {
    cache = new Map();
    resolved.set(set, cache);
  }
  const key = `${from}\u0000${ref}`;
  if (cache.has(key)) return cache.get(key);
  const target = lookUp(set, from, ref);
  cache.set(key, target);
  return target;
}

function lookUp(set: DocumentSet, from: string, ref: string): Located | undefined {
  const { file, fragment } = refTarget(from, ref);
  const root = set.files.get(file);
  if (root === undefined) return undefined;
  const segments = parseLocalRef(fragment);
  if (segments === undefined) return undefined;
  const value = getAtPath(root, segments);
  return value === undefined ? undefined : Located.at(file, segments, value);
}

/**
 * Follows a chain of `$ref`s from a located value. `ref` is the first `$ref` followed (its name tells whether a
 * schema was swapped for another). A broken or circular chain yields an undefined value. The value itself (an
 * object from JSON.parse, shared by every `$ref` to it) is what cycle checks compare.
 */
export function dereference(set: DocumentSet, start: Located): Located {
  let current: Located = start;
  let firstRef = "";
  let seen: Set<unknown> | undefined;
  while (isObject(current.value) && typeof current.value["$ref"] === "string") {
    const ref = current.value["$ref"];
    if (firstRef === "") firstRef = ref;
    const target = resolveRef(set, current.file, ref);
    seen ??= new Set();
    if (target === undefined || seen.has(target.value)) return Located.at(current.file, current.path, undefined, firstRef);
    seen.add(target.value);
    current = target;
  }
  return firstRef === "" ? current : Located.at(current.file, current.path, current.value, firstRef);
}

/** The child of a located object or array. */
export function child(parent: Located, key: string | number): Located {
  return parent.child(key);
}
