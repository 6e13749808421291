/**
 * Table storage's limits on one entity, checked before the service is called: a value the service would refuse
 * (PropertyValueTooLarge, EntityTooLarge) is the caller's mistake, answered 400 or 413 naming what is too large,
 * not a 500. The spec's maxLengths should keep requests far below these; this is the backstop for a spec that
 * lacks one (lint's conduit-stored-string-length warns about those).
 */
import { HttpProblemError } from "../runtime/errors.js";

/** A string property holds at most 64 KiB, and the service counts UTF-16: 32 Ki code units. */
export const MAX_STRING_UNITS = 32 * 1024;
/** An entity holds at most 1 MiB, counted as below. */
export const MAX_ENTITY_BYTES = 1024 * 1024;
/** Besides PartitionKey, RowKey and Timestamp. */
export const MAX_PROPERTIES = 252;

/**
 * The entity's size as the service counts it: 4 bytes, the keys at 2 bytes a character, and per property 8 bytes,
 * its name at 2 bytes a character and its value (a string 4 bytes plus 2 a character, a number 8, a boolean 1, a
 * date 8, bytes 4 plus their length).
 */
export function entitySize(entity: object): number {
  let size = 4;
  for (const [name, value] of Object.entries(entity) as [string, unknown][]) {
    if (value === undefined || value === null) continue;
    if (name === "partitionKey" || name === "rowKey") {
      size += String(value).length * 2;
      continue;
    }
    size += 8 + name.length * 2 + valueSize(value);
  }
  return size;
}

function valueSize(value: unknown): number {
  if (typeof value === "string") return 4 + value.length * 2;
  if (typeof value === "boolean") return 1;
  if (value instanceof Uint8Array) return 4 + value.byteLength;
  // Numbers (stored as Int32, Int64 or Double), dates: 8 bytes at most; GUIDs (16) the SDK sends as strings.
  return 8;
}

/**
 * Throws HttpProblemError when the service would refuse the entity: 400 naming each string property over 64 KiB
 * (`fieldOf` maps a property to the request body's JSON pointer), 413 when the whole is over 1 MiB or has too
 * many properties.
 */
export function assertEntityFits(entity: object, fieldOf: (property: string) => string = (p) => `/${p}`): void {
  const entries = Object.entries(entity) as [string, unknown][];
  const tooLong = entries.filter(([name, value]) => name !== "partitionKey" && name !== "rowKey" && typeof value === "string" && value.length > MAX_STRING_UNITS);
  if (tooLong.length > 0) {
    throw new HttpProblemError(400, `${tooLong.length === 1 ? "A value is" : "Values are"} longer than storage takes; see errors.`, {
      errors: tooLong.map(([name]) => ({ in: "body", name: fieldOf(name), pointer: fieldOf(name), message: `is longer than storage takes (${MAX_STRING_UNITS} UTF-16 code units)` })),
    });
  }
  const properties = entries.filter(([name, value]) => name !== "partitionKey" && name !== "rowKey" && value !== undefined).length;
  if (properties > MAX_PROPERTIES) throw new HttpProblemError(413, `The request has ${properties} fields to store; storage takes ${MAX_PROPERTIES} at most.`);
  const size = entitySize(entity);
  if (size > MAX_ENTITY_BYTES) throw new HttpProblemError(413, `The request would be stored as ${size} bytes; storage takes ${MAX_ENTITY_BYTES} at most per item.`);
}
