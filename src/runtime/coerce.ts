import type { CollectionFormat, ParameterSpec, PrimitiveType } from "./contract.js";

/**
 * Turns the raw strings of non-body parameters into the types the contract declares, before validation.
 * A value that cannot be converted is passed on unchanged, so that the validator reports it with the
 * declared type ("must be integer") instead of the coercion guessing.
 */

export const SEPARATORS: Readonly<Record<Exclude<CollectionFormat, "multi">, string>> = {
  csv: ",",
  ssv: " ",
  tsv: "\t",
  pipes: "|",
};

const INTEGER = /^[+-]?\d+$/;
// Decimal notation only: Number() alone also reads "0x10" as 16, "0b11" as 3 and " 12 " as 12.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function coercePrimitive(raw: string, type: PrimitiveType | undefined): unknown {
  switch (type) {
    case "integer": {
      if (!INTEGER.test(raw)) return raw;
      const value = Number(raw);
      return Number.isSafeInteger(value) ? value : raw;
    }
    case "number": {
      if (!DECIMAL.test(raw)) return raw;
      const value = Number(raw);
      return Number.isFinite(value) ? value : raw;
    }
    case "boolean": {
      const lower = raw.toLowerCase();
      return lower === "true" ? true : lower === "false" ? false : raw;
    }
    default:
      return raw;
  }
}

/**
 * Coerces one parameter from the raw values found for it (several only for `multi` query or form fields).
 * Returns undefined when the parameter is absent and has no default.
 */
export function coerceParameter(spec: ParameterSpec, raw: readonly string[]): unknown {
  if (raw.length === 0) return defaultOf(spec);
  if (spec.type === "array") {
    const format = spec.collectionFormat ?? "csv";
    // A csv (or ssv, tsv, pipes) parameter sent more than once is read as one list, not cut to its first value.
    const items = format === "multi" ? raw : raw.length === 1 ? splitCollection(raw[0] ?? "", format) : raw.flatMap((one) => splitCollection(one, format));
    return items.map((item) => coercePrimitive(item, spec.itemType));
  }
  if (spec.type === "file") return raw[0];
  return coercePrimitive(raw[0] ?? "", spec.type);
}

export function splitCollection(raw: string, format: Exclude<CollectionFormat, "multi">): string[] {
  // An empty value is an empty list, not a list of one empty string.
  return raw === "" ? [] : raw.split(SEPARATORS[format]);
}

function defaultOf(spec: ParameterSpec): unknown {
  const value = spec.default;
  // Copy array defaults so a handler that changes its request cannot change the next request's default.
  return Array.isArray(value) ? [...value] : value;
}
