import { formatJsonPath, isJsonObject, type JsonObject, type JsonValue } from "./ordered.js";

/** conduit's own vendor extensions (x-conduit-try, x-conduit-roles, …): read by conduit, meant for no one else. */
export const CONDUIT_EXTENSION = /^x-conduit-/;

/** Maps whose keys are names the user chose (a property, a definition), not extensions, however they are spelled. */
const NAME_MAPS = new Set(["properties", "definitions", "securityDefinitions", "headers"]);
const TOP_LEVEL_NAME_MAPS = new Set(["parameters", "responses"]);
/** Values, not OpenAPI objects: an example may hold any key. */
const VALUES = new Set(["example", "examples", "x-example", "default", "enum", "x-ms-test-value"]);

export interface StrippedKeys {
  readonly definition: JsonObject;
  /** JSON paths of the keys left out, in document order. */
  readonly removed: readonly string[];
}

/**
 * The definition without conduit's own `x-conduit-*` keys. Power Platform ignores vendor keys it does not know,
 * but a certification reviewer reads foreign ones as noise, and x-conduit-try names a test account: the package
 * carries only what Power Platform and makers use. Names a user chose (properties, definitions) and example
 * values are left as they are.
 */
export function stripConduitExtensions(definition: JsonObject): StrippedKeys {
  const removed: string[] = [];
  const strip = (node: JsonValue, at: (string | number)[], names: boolean): JsonValue => {
    if (Array.isArray(node)) return node.map((item, i) => strip(item, [...at, i], false));
    if (!isJsonObject(node)) return node;
    const out: JsonObject = new Map();
    for (const [key, value] of node) {
      if (!names && CONDUIT_EXTENSION.test(key)) {
        removed.push(formatJsonPath([...at, key]));
        continue;
      }
      const childNames = !names && (NAME_MAPS.has(key) || (at.length === 0 && TOP_LEVEL_NAME_MAPS.has(key)));
      out.set(key, !names && VALUES.has(key) ? value : strip(value, [...at, key], childNames));
    }
    return out;
  };
  return { definition: strip(definition, [], false) as JsonObject, removed };
}
