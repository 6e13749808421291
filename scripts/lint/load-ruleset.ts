import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Ruleset } from "@stoplight/spectral-core";
import spectralRuntime from "@stoplight/spectral-runtime";
import { UserError } from "../diagnostics.js";

/** The slice of a rollup plugin that the ruleset bundler lets us add. */
export interface RulesetPlugin {
  name: string;
  resolveId(id: string): string | null;
  load(id: string): string | null;
}

type BundleAndLoad = (file: string, io: unknown, plugins?: RulesetPlugin[]) => Promise<Ruleset>;

// The bundler's types reference the DOM lib, which would leak into the whole project: load it untyped.
const BUNDLER = "@stoplight/spectral-ruleset-bundler/with-loader";

const loaded = new Map<string, Promise<Ruleset>>();

/**
 * Loads a Spectral ruleset file (YAML, JSON or JS) the way the Spectral CLI does, with node's fs and Spectral's
 * fetch for remote `extends`; once per process for each file and `key` (bundling costs about half a second).
 */
export function loadRulesetFile(file: string, plugins: RulesetPlugin[] = [], key = ""): Promise<Ruleset> {
  const cacheKey = `${file}\0${key}`;
  let ruleset = loaded.get(cacheKey);
  if (!ruleset) {
    ruleset = bundle(file, plugins);
    loaded.set(cacheKey, ruleset);
    ruleset.catch(() => loaded.delete(cacheKey));
  }
  return ruleset;
}

async function bundle(file: string, plugins: RulesetPlugin[]): Promise<Ruleset> {
  try {
    await readFile(file);
  } catch {
    throw new UserError(`cannot read the ruleset ${file}: create a .spectral.yaml (extends: [spectral:oas]) or pass --ruleset`, { exitCode: 2 });
  }
  const bundler = (await import(BUNDLER)) as { bundleAndLoadRuleset: BundleAndLoad };
  const io = { fs: { promises: { readFile } }, fetch: spectralRuntime.fetch };
  try {
    return await bundler.bundleAndLoadRuleset(file, io, plugins);
  } catch (error) {
    throw new UserError(`the ruleset ${path.basename(file)} is not valid: ${describe(error)}`, { exitCode: 2 });
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const errors = (error as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.length > 0) return errors.map((e) => (e instanceof Error ? e.message : String(e))).join("; ");
  return cause instanceof Error ? `${error.message} ${cause.message}` : error.message;
}
