/**
 * Long strings in Table storage: a string property holds at most 64 KiB (32 Ki UTF-16 code units), an entity
 * 1 MiB. A JSON text longer than one property is kept in `name`, `name1`, `name2`, … and joined on reading.
 */

/** Code units per property, under the service's 32,768. */
const PROPERTY_CHARS = 32_000;
/** Properties one text may use: keeps an entity, with its other fields, under the 1 MiB limit. */
const MAX_PARTS = 14;

export const MAX_TEXT_CHARS = PROPERTY_CHARS * MAX_PARTS;

export class TextTooLargeError extends Error {
  constructor(what: string, length: number) {
    super(`${what} is ${length} characters long; Table storage keeps at most ${MAX_TEXT_CHARS} in one entity`);
    this.name = "TextTooLargeError";
  }
}

/** The properties that hold `text` under `name`; throws TextTooLargeError beyond MAX_TEXT_CHARS. */
export function splitText(name: string, text: string, what: string): Record<string, string> {
  if (text.length > MAX_TEXT_CHARS) throw new TextTooLargeError(what, text.length);
  const out: Record<string, string> = {};
  for (let part = 0; part * PROPERTY_CHARS < text.length || part === 0; part++) {
    out[part === 0 ? name : `${name}${part}`] = text.slice(part * PROPERTY_CHARS, (part + 1) * PROPERTY_CHARS);
  }
  return out;
}

export function joinText(entity: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const first = entity[name];
  if (typeof first !== "string") return undefined;
  let text = first;
  for (let part = 1; part < MAX_PARTS; part++) {
    const next = entity[`${name}${part}`];
    if (typeof next !== "string") break;
    text += next;
  }
  return text;
}
