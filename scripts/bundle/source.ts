import { parseDocument } from "yaml";
import { loadSourceDocument } from "../spec/load.js";
import type { SourceDocument } from "../spec/document.js";
import { fromYamlJs, type JsonValue } from "./ordered.js";

/** A spec file read twice over: positions for messages (SourceDocument), key order for output (JsonValue). */
export interface OrderedSource {
  /** Absolute path: the identity of the file when resolving references. */
  readonly file: string;
  readonly doc: SourceDocument;
  readonly value: JsonValue;
}

/** Reads a YAML or JSON spec file; unreadable or invalid files become a UserError with positions. */
export async function loadOrderedSource(file: string, display: string = file): Promise<OrderedSource> {
  const doc = await loadSourceDocument(file, display);
  const value = orderedValueOf(doc.text);
  return { file, doc, value };
}

/** The key-ordered value of text that parseSourceDocument has already accepted. */
export function orderedValueOf(text: string): JsonValue {
  // Duplicate keys were refused by the first parse; checking them again costs O(n²) in a mapping's size.
  const parsed = parseDocument(text, { uniqueKeys: false });
  // parseSourceDocument has bounded the aliases' expansion (scripts/spec/guards.ts).
  return fromYamlJs(parsed.toJS({ mapAsMap: true, maxAliasCount: -1 }));
}
