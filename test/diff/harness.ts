import { diffSides } from "../../scripts/diff/diff.js";
import type { DiffReport } from "../../scripts/diff/format/report.js";
import { loadSide } from "../../scripts/diff/load/load-side.js";
import { memorySource, resolveSide } from "../../scripts/diff/load/side.js";

/** Diffs two files on disk, as `conduit diff a b` does. */
export async function diffFiles(base: string, head: string, cwd = process.cwd()): Promise<DiffReport> {
  const [b, h] = await Promise.all([resolveSide(base, base, cwd, "base"), resolveSide(head, head, cwd, "head")]);
  return diffSides(await loadSide(b), await loadSide(h));
}

/** Diffs two documents given as values (written as JSON) or texts, named base.json and head.json. */
export async function diffDocuments(base: unknown, head: unknown): Promise<DiffReport> {
  const text = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v, null, 2));
  const b = await loadSide(memorySource("base", { "base.json": text(base) }));
  const h = await loadSide(memorySource("head", { "head.json": text(head) }));
  return diffSides(b, h);
}
