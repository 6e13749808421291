import path from "node:path";
import { Severity, UserError, type Diagnostic } from "../diagnostics.js";
import { displayPath } from "../project.js";
import { cloneJson, getAt, isJsonObject, type JsonObject, type JsonPath, type JsonValue } from "./ordered.js";
import type { OrderedSource } from "./source.js";

/** Where a referenced value is inlined: Swagger 2.0's three reusable sections. */
type Section = "definitions" | "parameters" | "responses";
type Kind = Section | "pathItem";

export type SourceLoader = (file: string) => Promise<OrderedSource>;

/**
 * Makes a multi-file spec self-contained: every `$ref` into another file is replaced by a local reference to a
 * copy of its target in #/definitions, #/parameters or #/responses (chosen by where the reference stands), since
 * Power Platform resolves no external references. Local references, key order and every extension are kept.
 */
export async function resolveExternalRefs(root: OrderedSource, load: SourceLoader): Promise<JsonObject> {
  if (!isJsonObject(root.value)) throw new UserError(`${root.doc.source}: expected an object at the top level`);
  const resolver = new Resolver(root, load);
  return resolver.run(root.value);
}

class Resolver {
  private readonly sources = new Map<string, OrderedSource>();
  /** "file#pointer" → the local reference that now stands for it. */
  private readonly assigned = new Map<string, string>();
  private readonly taken: Record<Section, Set<string>>;
  private readonly inlined: Record<Section, JsonObject> = {
    definitions: new Map(),
    parameters: new Map(),
    responses: new Map(),
  };

  constructor(
    private readonly root: OrderedSource,
    private readonly load: SourceLoader,
  ) {
    this.sources.set(root.file, root);
    const keysOf = (section: Section): Set<string> => {
      const value = isJsonObject(root.value) ? root.value.get(section) : undefined;
      return new Set(isJsonObject(value) ? value.keys() : []);
    };
    this.taken = { definitions: keysOf("definitions"), parameters: keysOf("parameters"), responses: keysOf("responses") };
  }

  async run(value: JsonObject): Promise<JsonObject> {
    const out: JsonObject = new Map();
    for (const [key, item] of value) out.set(key, await this.rewrite(item, this.root, [key], [key]));
    for (const section of ["definitions", "parameters", "responses"] as const) {
      if (this.inlined[section].size === 0) continue;
      const existing = out.get(section);
      const merged: JsonObject = isJsonObject(existing) ? existing : new Map();
      for (const [name, item] of this.inlined[section]) merged.set(name, item);
      out.set(section, merged);
    }
    return out;
  }

  /** `at` is the path in the output document, `from` the path in `source` (for messages). */
  private async rewrite(value: JsonValue, source: OrderedSource, at: JsonPath, from: JsonPath): Promise<JsonValue> {
    if (Array.isArray(value)) {
      const out: JsonValue[] = [];
      for (const [i, item] of value.entries()) out.push(await this.rewrite(item, source, [...at, i], [...from, i]));
      return out;
    }
    if (!isJsonObject(value)) return value;
    const ref = value.get("$ref");
    if (typeof ref === "string") return this.rewriteRef(value, ref, source, at, from);
    const out: JsonObject = new Map();
    for (const [key, item] of value) {
      out.set(key, isLiteralData(at, key) ? cloneJson(item) : await this.rewrite(item, source, [...at, key], [...from, key]));
    }
    return out;
  }

  private async rewriteRef(node: JsonObject, ref: string, source: OrderedSource, at: JsonPath, from: JsonPath): Promise<JsonValue> {
    const hash = ref.indexOf("#");
    const filePart = hash < 0 ? ref : ref.slice(0, hash);
    const pointer = hash < 0 ? "" : ref.slice(hash + 1);
    const file = filePart === "" ? source.file : path.resolve(path.dirname(source.file), decodeURI(filePart));
    const withRef = (local: string): JsonObject => {
      const out = cloneJson(node);
      out.set("$ref", local);
      return out;
    };
    if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) {
      throw this.error(source, [...from, "$ref"], `"${ref}" points outside the project; conduit inlines files only: download it into spec/ and refer to it by a relative path`);
    }
    if (file === this.root.file) return withRef(`#${pointer}`);

    const key = `${file}#${pointer}`;
    const known = this.assigned.get(key);
    if (known !== undefined) return withRef(known);

    const target = await this.sourceFor(file, source, [...from, "$ref"]);
    const segments = parsePointer(pointer);
    const content = getAt(target.value, segments);
    if (content === undefined) {
      throw this.error(source, [...from, "$ref"], `"${ref}": ${displayPath(file)} has nothing at "#${pointer}"; check the name after "#"`);
    }
    const kind = kindAt(at);
    if (kind === "pathItem") return this.rewrite(content, target, at, segments);

    // A reusable entry that is itself a reference (definitions: { Pet: { $ref: pet.yaml } }) takes its own name.
    const isEntry = at.length === 2 && at[0] === kind && node.size === 1;
    const name = isEntry ? String(at[1]) : this.freshName(kind, nameFor(segments, file));
    const local = `#/${kind}/${escapePointerSegment(name)}`;
    this.assigned.set(key, local);
    // Claim the slot first, so inlined entries appear in the order their references are met.
    if (!isEntry) this.inlined[kind].set(name, null);
    const resolved = await this.rewrite(content, target, [kind, name], segments);
    if (isEntry) return resolved;
    this.inlined[kind].set(name, resolved);
    return withRef(local);
  }

  private async sourceFor(file: string, from: OrderedSource, at: JsonPath): Promise<OrderedSource> {
    const cached = this.sources.get(file);
    if (cached) return cached;
    let loaded: OrderedSource;
    try {
      loaded = await this.load(file);
    } catch (error) {
      if (error instanceof UserError && error.diagnostics.length === 0) {
        throw this.error(from, at, `${error.message}; the reference is resolved relative to ${displayPath(path.dirname(from.file)) || "."}`);
      }
      throw error;
    }
    this.sources.set(file, loaded);
    return loaded;
  }

  private freshName(section: Section, wanted: string): string {
    const taken = this.taken[section];
    let name = wanted;
    for (let n = 2; taken.has(name); n++) name = `${wanted}_${n}`;
    taken.add(name);
    return name;
  }

  private error(source: OrderedSource, at: JsonPath, message: string): UserError {
    const diagnostic: Diagnostic = {
      code: "bundle-ref",
      message,
      path: at,
      severity: Severity.Error,
      source: source.doc.source,
      range: source.doc.rangeOf(at),
    };
    return new UserError("cannot resolve a $ref", { diagnostics: [diagnostic], exitCode: 2 });
  }
}

/** What a value at this path of a Swagger 2.0 document is, so an external target lands in the right section. */
function kindAt(at: JsonPath): Kind {
  const [top, second, third, fourth] = at;
  if (top === "paths") {
    if (at.length === 2) return "pathItem";
    if (third === "parameters" && at.length === 4) return "parameters";
    if (fourth === "parameters" && at.length === 5) return "parameters";
    if (fourth === "responses" && at.length === 5) return "responses";
  }
  if ((top === "parameters" || top === "responses") && at.length === 2 && second !== undefined) return top;
  return "definitions";
}

/** Values that are data, not spec: a "$ref" key inside an example is not a reference. */
function isLiteralData(at: JsonPath, key: string): boolean {
  const parent = at[at.length - 1];
  if (parent === "properties" || parent === "definitions" || parent === "parameters" || parent === "responses" || parent === "paths") {
    return false;
  }
  return key === "example" || key === "examples" || key === "x-example" || key === "default" || key === "enum" || key === "x-ms-test-value";
}

function parsePointer(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .replace(/^\//, "")
    .split("/")
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~"));
}

function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** "#/definitions/Pet" → Pet; "schemas/pet.yaml" → pet. */
function nameFor(segments: readonly string[], file: string): string {
  const last = segments[segments.length - 1];
  const raw = last ?? path.basename(file).replace(/\.(ya?ml|json)$/i, "");
  return raw.replace(/[^A-Za-z0-9_.-]/g, "_") || "Inlined";
}
