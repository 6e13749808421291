import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Ruleset, RulesetDefinition } from "@stoplight/spectral-core";
import spectralRuntime from "@stoplight/spectral-runtime";
import { UserError } from "../diagnostics.js";

/** The slice of a rollup plugin that the ruleset bundler lets us add. */
export interface RulesetPlugin {
  name: string;
  resolveId(id: string): string | null;
  load(id: string): string | null;
}

const REGISTRY = Symbol.for("conduit.lint.rulesets");
const VIRTUAL_PREFIX = "\0conduit-ruleset:";
// `.spectral.yaml` names the compiled ruleset (dist/scripts/lint/ruleset.js) so that the Spectral CLI and editor
// can load it; any path ending like this means "the Power Platform ruleset".
const RULESET_MODULE = /(^|[\\/])scripts[\\/]lint[\\/]ruleset\.js$/;

/**
 * Serves the ruleset module from this process instead of from disk: the rules that run are the code that is
 * running (not a possibly stale dist/), built with the project's options. The bundler evaluates the bundle in
 * a fresh scope, so the definition travels through a global registry, as Spectral's own builtins plugin does.
 */
export function inProcessRuleset(key: string, definition: RulesetDefinition): RulesetPlugin {
  const registry = ((globalThis as Record<symbol, unknown>)[REGISTRY] ??= new Map<string, RulesetDefinition>()) as Map<string, RulesetDefinition>;
  registry.set(key, definition);
  return {
    name: "conduit-ruleset",
    resolveId: (id) => (RULESET_MODULE.test(id) ? `${VIRTUAL_PREFIX}${key}` : null),
    load: (id) =>
      id === `${VIRTUAL_PREFIX}${key}` ? `export default globalThis[Symbol.for(${JSON.stringify(REGISTRY.description)})].get(${JSON.stringify(key)});` : null,
  };
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
