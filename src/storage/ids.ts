import { randomBytes } from "node:crypto";

const MAX_MS = 0xffff_ffff_ffff;

/**
 * A new work order id: a UUID (RFC 9562 version 8, its custom layout) whose first 48 bits are the creation time in
 * milliseconds counted down from the largest 48-bit value, then 74 random bits. The Table service returns rows in
 * RowKey order, so with the id as RowKey a listing is newest first (as the spec promises) and continuation tokens
 * page in that order, while a work order is still read by id with a point lookup. (Version 7 counts up: oldest
 * first.)
 */
export function newestFirstId(now: number = Date.now(), random: Uint8Array = randomBytes(10)): string {
  if (!Number.isFinite(now)) throw new RangeError(`a work order id needs a time in milliseconds; got ${now}`);
  const inverted = (MAX_MS - Math.max(0, Math.min(Math.floor(now), MAX_MS))).toString(16).padStart(12, "0");
  const bytes = Buffer.alloc(10);
  bytes.set(random.subarray(0, 10));
  bytes[0] = 0x80 | ((bytes[0] ?? 0) & 0x0f); // version 8
  bytes[2] = 0x80 | ((bytes[2] ?? 0) & 0x3f); // the RFC 9562 variant
  const hex = bytes.toString("hex");
  return `${inverted.slice(0, 8)}-${inverted.slice(8, 12)}-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 20)}`;
}
