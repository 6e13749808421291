/**
 * Reads one side: the spec and every file it `$ref`s (transitively), each parsed once with positions available.
 * A spec missing at a git ref is a new connector (everything is new); anything unreadable is the user's to fix.
 */
import { EMPTY_RANGE, Severity, UserError, type Diagnostic } from "../../diagnostics.js";
import { guardParsed, parseSourceDocument, type SourceDocument } from "../../spec/document.js";
import { isObject } from "../../model/refs.js";
import type { DocumentSet } from "../../model/contract/documents.js";
import { isExternalRef, refTarget } from "../../model/contract/documents.js";
import { parseJsonDocument } from "./json-document.js";
import type { SideSource } from "./side.js";

export interface LoadedSide {
  readonly source: SideSource;
  /** True when the spec does not exist on this side (only possible at a git ref). */
  readonly missing: boolean;
  readonly documents: ReadonlyMap<string, SourceDocument>;
  readonly set: DocumentSet;
  /** The `swagger` / `openapi` version the spec declares, for the version check. */
  readonly version: string;
}

// A quick look before walking the whole document: does any `$ref` point outside it?
const EXTERNAL_REF = /\$ref["']?\s*:\s*["']?(?!#)[^\s"']/;

export async function loadSide(source: SideSource): Promise<LoadedSide> {
  const documents = new Map<string, SourceDocument>();
  const mainText = await source.read(source.mainKey);
  if (mainText === undefined) {
    if (source.revision === undefined) throw new UserError(`cannot read ${source.display(source.mainKey)}: no such file`, { exitCode: 2 });
    return { source, missing: true, documents, set: { main: source.mainKey, files: new Map() }, version: "" };
  }
  const pending: { key: string; text: string }[] = [{ key: source.mainKey, text: mainText }];
  while (pending.length > 0) {
    const { key, text } = pending.pop()!;
    const doc = parse(text, named(source, key));
    documents.set(key, doc);
    if (!EXTERNAL_REF.test(text)) continue;
    for (const site of externalRefs(doc.data)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(site.ref)) {
        throw refError(doc, site, `$ref ${site.ref} points to a URL; conduit diff reads only files beside the spec`);
      }
      const target = refTarget(key, site.ref).file;
      if (documents.has(target) || pending.some((p) => p.key === target)) continue;
      const targetText = await source.read(target);
      if (targetText === undefined) {
        throw refError(doc, site, `$ref ${site.ref} names ${source.display(target)}, which does not exist${source.revision ? ` at ${source.revision}` : ""}`);
      }
      pending.push({ key: target, text: targetText });
    }
  }
  const files = new Map<string, unknown>();
  for (const [key, doc] of documents) files.set(key, doc.data);
  return { source, missing: false, documents, set: { main: source.mainKey, files }, version: versionOf(documents.get(source.mainKey)!.data) };
}

/** The name a file goes by in messages: `origin/main:spec/x.yaml` at a ref, the path otherwise. */
export function named(source: SideSource, key: string): string {
  return source.revision === undefined ? source.display(key) : `${source.revision}:${source.display(key)}`;
}

function parse(text: string, name: string): SourceDocument {
  const trimmed = text.trimStart();
  const json = trimmed.startsWith("{") || trimmed.startsWith("\ufeff{") ? parseJsonDocument(text, name) : undefined;
  return json ? guardParsed(json) : parseSourceDocument(text, name);
}

/** `swagger: "2.0"` → "Swagger 2.0"; `openapi: 3.0.1` → "OpenAPI 3.0.1"; "" when it says neither. */
function versionOf(data: unknown): string {
  if (!isObject(data)) return "";
  if (data["swagger"] !== undefined) return `Swagger ${String(data["swagger"])}`;
  if (data["openapi"] !== undefined) return `OpenAPI ${String(data["openapi"])}`;
  return "";
}

interface RefSite {
  readonly ref: string;
  readonly path: (string | number)[];
}

function externalRefs(root: unknown): RefSite[] {
  const sites: RefSite[] = [];
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, i]));
    } else if (isObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string") {
          if (isExternalRef(value)) sites.push({ ref: value, path: [...path, key] });
        } else if (typeof value === "object" && value !== null) {
          visit(value, [...path, key]);
        }
      }
    }
  };
  visit(root, []);
  return sites;
}

function refError(doc: SourceDocument, site: RefSite, message: string): UserError {
  const diagnostic: Diagnostic = { code: "conduit-diff", message, path: site.path, severity: Severity.Error, source: doc.source, range: doc.rangeOf(site.path) ?? EMPTY_RANGE };
  return new UserError(`${doc.source}: a $ref cannot be followed`, { diagnostics: [diagnostic], exitCode: 2 });
}
