import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadSwagger } from "../spec/load.js";

/**
 * The project's development data hook: `src/seed.ts` (built beside the app's entry) may export
 * `seedDevelopment(spec)`, called with the parsed spec once serve has started a fresh Azurite. The tool only knows
 * this shape, never the sample's types, so a project without the sample (after `conduit import
 * --replace-sample`) still compiles; without the module nothing is seeded. Returns the hook's line, if any.
 */
export async function seedDevelopmentData(appEntry: string, specFile: string): Promise<string | undefined> {
  const hook = path.join(path.dirname(appEntry), "seed.js");
  if (!existsSync(hook)) return undefined;
  const module = (await import(pathToFileURL(hook).href)) as { seedDevelopment?: unknown };
  if (typeof module.seedDevelopment !== "function") return undefined;
  const spec = await loadSwagger(specFile);
  const note: unknown = await (module.seedDevelopment as (spec: unknown) => Promise<unknown>)(spec.data);
  return typeof note === "string" && note !== "" ? note : undefined;
}
