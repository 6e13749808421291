/** What a create made, found in its answer, so that later calls can address it and the run can delete it. */
import type { OperationModel } from "../model/model.js";
import { pathVariables } from "./plan.js";

/**
 * The id of what a create made: the last segment of its Location when that sits under the collection, else the
 * body's property named like the item path's variable, else its `id`.
 */
export function createdId(response: Pick<Response, "headers">, text: string, collection: string, all: readonly OperationModel[]): string | undefined {
  const last = collection.split("/").at(-1)?.toLowerCase();
  const location = response.headers.get("location");
  if (location !== null) {
    try {
      const segments = new URL(location, "http://location.invalid").pathname.split("/").filter((s) => s !== "");
      if (segments.length >= 2 && segments.at(-2)?.toLowerCase() === last) return decodeURIComponent(segments.at(-1)!);
    } catch {
      // Not a URL: fall back to the body.
    }
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== "object" || body === null) return undefined;
  const names = all.flatMap((o) => pathVariables(o.path).filter((v) => v.collection === collection).map((v) => v.name));
  for (const name of [...new Set(names), "id", "Id", "ID"]) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value === "string" || typeof value === "number") return String(value);
  }
  return undefined;
}
