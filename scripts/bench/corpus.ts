/**
 * The specs the runtime benches run on: the sample, the corpus's largest connector, and synthetic specs of a
 * chosen number of operations taken from corpus connectors (largest first), so that scale runs have real
 * operations and schemas. The corpus is test material beside the repository (../shared/corpus); without it the
 * benches that need it say so.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { isObject, type JsonObject } from "../model/refs.js";

export interface BenchSpec {
  readonly name: string;
  /** The spec's text; JSON or YAML as written. */
  readonly text: string;
  readonly extension: "json" | "yaml";
}

export function corpusDirectory(root: string = process.cwd()): string {
  return path.resolve(root, "../shared/corpus");
}

/** The corpus's definition files, largest first (empty when the corpus is not there). */
export function corpusFiles(root?: string): string[] {
  const corpus = corpusDirectory(root);
  if (!existsSync(corpus)) return [];
  return readdirSync(corpus)
    .map((name) => path.join(corpus, name, "apiDefinition.swagger.json"))
    .filter((file) => existsSync(file))
    .sort((a, b) => statSync(b).size - statSync(a).size || a.localeCompare(b));
}

export function sampleSpec(root: string = process.cwd()): BenchSpec {
  return { name: "sample (work orders)", text: readFileSync(path.join(root, "spec", "apiDefinition.swagger.yaml"), "utf8"), extension: "yaml" };
}

export function largestConnector(root?: string): BenchSpec | undefined {
  const file = corpusFiles(root)[0];
  if (file === undefined) return undefined;
  return { name: path.basename(path.dirname(file)).replace(/^certified-connectors_/, ""), text: readFileSync(file, "utf8"), extension: "json" };
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"];
const SECTIONS = ["definitions", "parameters", "responses"] as const;

interface TakenOperation {
  readonly prefix: string;
  readonly path: string;
  readonly method: string;
  readonly operation: JsonObject;
  readonly pathParameters: unknown;
}

/**
 * A spec of exactly `count` operations: the first operations of the corpus's connectors, largest connector
 * first, each connector's paths and reusable names prefixed (c0_, c1_, ...) so nothing collides, and only the
 * definitions, parameters and responses those operations reach. Prefixes of the same order, so the 10- and
 * 50-operation specs are the first operations of the 219-operation one. Undefined when the corpus has fewer.
 */
export function syntheticSpec(count: number, root?: string): BenchSpec | undefined {
  const taken: TakenOperation[] = [];
  const components = new Map<string, JsonObject>();
  for (const [index, file] of corpusFiles(root).entries()) {
    if (taken.length >= count) break;
    const prefix = `c${index}_`;
    const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "").replace(/"#\/(definitions|parameters|responses)\//g, `"#/$1/${prefix}`);
    const data = JSON.parse(text) as JsonObject;
    for (const section of SECTIONS) {
      const source = isObject(data[section]) ? data[section] : {};
      for (const [key, value] of Object.entries(source)) if (isObject(value)) components.set(`#/${section}/${prefix}${key}`, value);
    }
    const paths = isObject(data["paths"]) ? data["paths"] : {};
    for (const [route, item] of Object.entries(paths)) {
      if (!isObject(item)) continue;
      for (const method of METHODS) {
        const operation = item[method];
        if (taken.length >= count || !isObject(operation) || !isObject(operation["responses"])) continue;
        if (typeof operation["operationId"] === "string") operation["operationId"] = `${prefix}${operation["operationId"]}`;
        // The connector's security schemes are not carried over; auth is not what these runs measure.
        delete operation["security"];
        taken.push({ prefix, path: `/c${index}${route}`, method, operation, pathParameters: item["parameters"] });
      }
    }
  }
  if (taken.length < count) return undefined;

  const spec: JsonObject = { swagger: "2.0", info: { title: `synthetic ${count} operations`, version: "1" }, paths: {}, definitions: {}, parameters: {}, responses: {} };
  const paths = spec["paths"] as Record<string, JsonObject>;
  for (const t of taken) {
    const item = (paths[t.path] ??= t.pathParameters === undefined ? {} : { parameters: t.pathParameters });
    item[t.method] = t.operation;
  }
  // Only what the operations reach, so a 10-operation spec does not carry its connector's whole model.
  const pending = [...collectRefs(paths)];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const ref = pending.pop()!;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const value = components.get(ref);
    if (value === undefined) continue;
    const [, section = "", name = ""] = /^#\/(\w+)\/(.*)$/.exec(ref) ?? [];
    (spec[section] as JsonObject)[name] = value;
    pending.push(...collectRefs(value));
  }
  return { name: `synthetic ${count}-operation spec from corpus operations`, text: JSON.stringify(spec, null, 2), extension: "json" };
}

function collectRefs(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, out);
  else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref" && typeof inner === "string") out.add(decodeRef(inner));
      else collectRefs(inner, out);
    }
  }
  return out;
}

/** References may percent-encode names (`#/definitions/Foo%20Bar`); the component map holds them as written. */
function decodeRef(ref: string): string {
  try {
    return ref.includes("%") ? decodeURIComponent(ref) : ref;
  } catch {
    return ref;
  }
}
