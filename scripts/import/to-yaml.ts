import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, visit, type Node as YamlNode } from "yaml";
import { fromYamlJs, formatJsonPath, differences, stringifyJson, type JsonPath, type JsonValue } from "../bundle/ordered.js";

/** Descriptions longer than this become folded block scalars (`>-`); any multi-line text a literal one (`|`). */
const FOLD_AT = 80;
const LINE_WIDTH = 100;

export interface YamlOutput {
  readonly text: string;
  /** Paths whose text could not stand as a block scalar without changing it, so they stayed quoted. */
  readonly quoted: readonly JsonPath[];
}

/**
 * YAML for people: key order as in the source, long descriptions as block scalars. The result is parsed back
 * and compared with the input (values and key order); any scalar that did not survive its block style is
 * written quoted instead, so the YAML always means exactly what the JSON meant.
 */
export function toReadableYaml(value: JsonValue, header: string, decorate?: (doc: Document) => void): YamlOutput {
  const expected = stringifyJson(value);
  const quoted: JsonPath[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = new Document(value, { aliasDuplicateObjects: false, keepUndefined: false });
    styleScalars(doc, quoted);
    decorate?.(doc);
    doc.commentBefore = header;
    const text = doc.toString({ lineWidth: LINE_WIDTH, minContentWidth: 40, indentSeq: true });
    const back = fromYamlJs(parseDocument(text, { uniqueKeys: false }).toJS({ mapAsMap: true, maxAliasCount: -1 }));
    if (stringifyJson(back) === expected) return { text, quoted };
    const changed = differences(value, back, [], 50);
    if (changed.length === 0) {
      throw new Error("internal: the YAML reorders keys it was given in order");
    }
    quoted.push(...changed);
  }
  throw new Error(`internal: cannot write YAML that reads back the same; first difference at ${formatJsonPath(quoted[0] ?? [])}`);
}

function styleScalars(doc: Document, quoted: readonly JsonPath[]): void {
  const forced = new Set(quoted.map((p) => JSON.stringify(p.map(String))));
  visit(doc, {
    Scalar(key, node, ancestry) {
      if (key === "key" || typeof node.value !== "string") return;
      const path = pathOf(ancestry, node);
      if (forced.has(JSON.stringify(path))) {
        node.type = Scalar.QUOTE_DOUBLE;
        return;
      }
      const text = node.value;
      const last = path[path.length - 1];
      if (text.includes("\n") && text.trim() !== "") node.type = Scalar.BLOCK_LITERAL;
      else if ((last === "description" || last === "x-ms-summary-description") && text.length > FOLD_AT) node.type = Scalar.BLOCK_FOLDED;
    },
  });
}

/** The JSON path of a node from the visitor's ancestry (pairs carry keys, sequences give indexes). */
function pathOf(ancestry: readonly unknown[], node: YamlNode): string[] {
  const path: string[] = [];
  let child: unknown = node;
  for (let i = ancestry.length - 1; i >= 0; i--) {
    const parent = ancestry[i];
    if (isSeq(parent)) path.unshift(String(parent.items.indexOf(child as never)));
    else if (parent !== null && typeof parent === "object" && "key" in parent && "value" in parent && !isMap(parent)) {
      const key = (parent as { key: unknown }).key;
      path.unshift(String(isScalar(key) ? key.value : key));
    }
    child = parent;
  }
  return path;
}
