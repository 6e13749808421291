import { access, copyFile, mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { isMap, isScalar, type Document } from "yaml";
import { UserError, type Diagnostic } from "../diagnostics.js";
import { generate, type GenerateResult } from "../generate/generate.js";
import { displayPath, projectLayout } from "../project.js";
import { CONDUIT_BLOCK } from "../bundle/config.js";
import { isTrackedByGit } from "../bundle/git.js";
import { quoteEnvValue } from "../bundle/environment.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../bundle/ordered.js";
import { escapePlaceholders, unescapePlaceholders } from "../bundle/placeholders.js";
import { removeStaleTemporaries } from "../temp-files.js";
import { checkDefinition, checkProperties } from "./check.js";
import { readConnectorJson } from "./read-json.js";
import { extractEnvironmentValues, type ExtractedValue } from "./secrets.js";
import { toReadableYaml } from "./to-yaml.js";
import { readSampleManifest, replaceSample, sampleCodeLeft, SAMPLE_ICON, SAMPLE_SPEC_FILES, sha256, type SampleReplacement } from "./sample.js";

export interface ImportOptions {
  /** The exported apiDefinition.swagger.json. */
  readonly definition: string;
  /** apiProperties.json; by default the one beside the definition, if any. */
  readonly properties?: string;
  /** Project root (default: the working directory). */
  readonly root?: string;
  /** Where the spec files go (default: <root>/spec). */
  readonly out?: string;
  /** Replace existing spec files (and the env file). */
  readonly force?: boolean;
  /** Names the env file that receives the imported values: .env.<envName> (default "imported"). */
  readonly envName?: string;
  /** Run the generator afterwards (default true); `runtime` is passed on to it. */
  readonly generate?: boolean;
  readonly runtime?: string;
  /** Remove the sample's code and tests (conduit.sample.json) where unchanged; its unchanged spec files may be replaced. */
  readonly replaceSample?: boolean;
}

export interface ImportResult {
  readonly specFile: string;
  readonly propertiesFile: string;
  readonly iconFile: string | undefined;
  readonly envFile: string;
  /** Secrets left out of the env file because git could track it. */
  readonly secretsWithheld: readonly string[];
  readonly operations: number;
  readonly values: readonly ExtractedValue[];
  /** Leniencies while reading (BOM, trailing commas, Latin-1 bytes, comments). */
  readonly warnings: readonly Diagnostic[];
  /** Text kept quoted because a block scalar would have changed it. */
  readonly quoted: number;
  readonly generated: GenerateResult | undefined;
  /** With `replaceSample`: what went and what stayed. */
  readonly sample: SampleReplacement | undefined;
  /** spec/icon.png is still the sample's icon (the connector came without one). */
  readonly sampleIcon: boolean;
  /** The sample's code is still in the project (no `replaceSample`). */
  readonly sampleLeft: boolean;
  readonly elapsedMs: number;
}

const ICON = "icon.png";

/** Brings a connector built by hand into the project: spec/ as readable YAML, placeholders, generated code. */
export async function importConnector(options: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const root = path.resolve(options.root ?? process.cwd());
  const show = (file: string): string => displayPath(file, root);
  const outDir = path.resolve(root, options.out ?? path.dirname(projectLayout(root).spec));
  const definitionFile = path.resolve(root, options.definition);
  const propertiesFile = options.properties === undefined ? await sibling(definitionFile, "apiProperties.json") : path.resolve(root, options.properties);
  const iconSource = await sibling(definitionFile, ICON);
  const envName = options.envName ?? "imported";

  const definitionJson = await readConnectorJson(definitionFile, show(definitionFile));
  const definition = checkDefinition(definitionJson);
  const propertiesJson = propertiesFile === undefined ? undefined : await readConnectorJson(propertiesFile, show(propertiesFile));
  const properties = propertiesJson === undefined ? skeletonProperties() : checkProperties(propertiesJson);

  const targets = {
    spec: path.join(outDir, "apiDefinition.swagger.yaml"),
    properties: path.join(outDir, "apiProperties.yaml"),
    icon: iconSource === undefined ? undefined : path.join(outDir, ICON),
    env: path.join(root, `.env.${envName}`),
  };
  const manifest = await readSampleManifest(root);
  if (!options.force) {
    // The sample's own spec files, unchanged, are what --replace-sample replaces: no --force needed for them.
    const sampleSpec = options.replaceSample && manifest !== undefined ? await unchangedSampleFiles(root, manifest.files) : new Set<string>();
    const existing = (await existingFiles([targets.spec, targets.properties, targets.icon, targets.env])).filter((f) => !sampleSpec.has(f));
    if (existing.length > 0) {
      throw new UserError(`import would replace ${existing.map(show).join(", ")}: nothing was written; run again with --force to replace ${existing.length === 1 ? "it" : "them"}`);
    }
  }

  const host = definition.get("host");
  // Literal `${` becomes `$${` first, so that bundle gives it back as text; the values taken out of the escaped
  // document are unescaped again, because bundle inserts a value as it is.
  const extracted = extractEnvironmentValues(escapeAll(properties) as JsonObject);
  const values: ExtractedValue[] = [
    ...(typeof host === "string" ? [{ name: "CONDUIT_HOST", value: host, secret: false, paths: [[CONDUIT_BLOCK, "host"]] }] : []),
    ...extracted.values.map((v) => ({ ...v, value: unescapePlaceholders(v.value) })),
  ];
  const propertiesDocument: JsonObject = new Map<string, JsonValue>();
  if (typeof host === "string") propertiesDocument.set(CONDUIT_BLOCK, new Map([["host", "${CONDUIT_HOST}"]]));
  for (const [key, item] of extracted.document) propertiesDocument.set(key, item);

  const operations = countOperations(definition);
  const from = show(definitionFile);
  const specYaml = toReadableYaml(
    definition,
    ` The connector's OpenAPI 2.0 definition, imported by \`conduit import\` from ${from}.\n This file is the source of truth now: edit it, then \`conduit lint\`, \`conduit generate\`, \`conduit bundle\`.`,
  );
  const propertiesYaml = toReadableYaml(propertiesDocument, propertiesHeader(propertiesFile === undefined ? undefined : show(propertiesFile), values), (doc) =>
    commentConduitBlock(doc),
  );

  const trackable = await isTrackedByGit(targets.env, root);
  const withheld = trackable ? values.filter((v) => v.secret).map((v) => v.name) : [];

  await mkdir(outDir, { recursive: true });
  for (const dir of new Set([outDir, path.dirname(targets.env)])) await removeKilledImportLeftovers(dir);
  await writeAtomically(targets.spec, specYaml.text);
  await writeAtomically(targets.properties, propertiesYaml.text);
  if (iconSource !== undefined && targets.icon !== undefined) await copyFile(iconSource, targets.icon);
  await writeAtomically(targets.env, envFileText(values, from, trackable), { secret: true });

  // Before generate: handler files of the sample's operations would otherwise be named as unused.
  const sample = options.replaceSample ? await replaceSample(root) : undefined;
  const iconHash = manifest?.files[SAMPLE_ICON];
  const sampleIcon = iconHash !== undefined && (await sha256(path.join(root, SAMPLE_ICON))) === iconHash;

  let generated: GenerateResult | undefined;
  if (options.generate ?? true) {
    generated = await generate({ root, spec: targets.spec, ...(options.runtime === undefined ? {} : { runtime: options.runtime }) });
  }
  return {
    specFile: targets.spec,
    propertiesFile: targets.properties,
    iconFile: targets.icon,
    envFile: targets.env,
    secretsWithheld: withheld,
    operations,
    values,
    warnings: [...definitionJson.warnings, ...(propertiesJson?.warnings ?? [])],
    quoted: specYaml.quoted.length + propertiesYaml.quoted.length,
    generated,
    sample,
    sampleIcon,
    sampleLeft: sample === undefined && manifest !== undefined && (await sampleCodeLeft(root, manifest)).length > 0,
    elapsedMs: performance.now() - started,
  };
}

function propertiesHeader(from: string | undefined, values: readonly ExtractedValue[]): string {
  const lines = [
    from === undefined
      ? " The connector's properties. No apiProperties.json was given: add connectionParameters and policies as needed."
      : ` The connector's properties, imported by \`conduit import\` from ${from}.`,
    " `properties:` is Power Platform's apiProperties.json; `conduit:` is read and stripped by `conduit bundle` (docs/bundle.md).",
  ];
  if (values.length > 0) {
    lines.push(" Environment-specific values and secrets are ${NAME} placeholders, filled by `conduit bundle --env <env>`");
    lines.push(" from the environment or .env.<env>: " + values.map((v) => v.name).join(", ") + ".");
  }
  return lines.join("\n");
}

function commentConduitBlock(doc: Document): void {
  const contents = doc.contents;
  if (!isMap(contents)) return;
  const pair = contents.items.find((p) => isScalar(p.key) && p.key.value === CONDUIT_BLOCK);
  if (pair && isScalar(pair.key)) pair.key.commentBefore = " conduit bundle sets the definition's host from this (per environment).";
}

/** A .env file that `conduit bundle --env <name>` reads; secrets only where git cannot track them. */
function envFileText(values: readonly ExtractedValue[], from: string, trackable: boolean): string {
  const lines = [`# Values imported by \`conduit import\` from ${from}; read by \`conduit bundle --env <name>\`.`, "# Keep this file out of git (.gitignore has .env.*)."];
  for (const v of values) {
    if (v.secret && trackable) {
      lines.push(`# ${v.name}=  (a secret: git could track this file, so set it in the environment instead)`);
      continue;
    }
    const quoted = quoteEnvValue(v.value);
    lines.push(quoted === undefined ? `# ${v.name}: cannot be written to a .env file (it has every kind of quote): set it in the environment` : `${v.name}=${quoted}`);
  }
  return `${lines.join("\n")}\n`;
}

function escapeAll(value: JsonValue): JsonValue {
  if (typeof value === "string") return escapePlaceholders(value);
  if (Array.isArray(value)) return value.map(escapeAll);
  if (isJsonObject(value)) return new Map([...value].map(([k, v]) => [k, escapeAll(v)]));
  return value;
}

function skeletonProperties(): JsonObject {
  return new Map([
    [
      "properties",
      new Map<string, JsonValue>([
        ["connectionParameters", new Map()],
        ["iconBrandColor", "#0f6cbd"],
        ["capabilities", []],
      ]),
    ],
  ]);
}

function countOperations(definition: JsonObject): number {
  const paths = definition.get("paths");
  if (!isJsonObject(paths)) return 0;
  let count = 0;
  for (const item of paths.values()) {
    if (!isJsonObject(item)) continue;
    for (const method of item.keys()) if (["get", "put", "post", "delete", "options", "head", "patch"].includes(method)) count++;
  }
  return count;
}

async function sibling(file: string, name: string): Promise<string | undefined> {
  const candidate = path.join(path.dirname(file), name);
  if (candidate === file) return undefined;
  try {
    await access(candidate);
    return candidate;
  } catch {
    return undefined;
  }
}

/** The sample's spec files that are still as the sample shipped them (absolute paths). */
async function unchangedSampleFiles(root: string, files: Readonly<Record<string, string>>): Promise<Set<string>> {
  const unchanged = new Set<string>();
  for (const file of SAMPLE_SPEC_FILES) {
    const absolute = path.join(root, file);
    if (files[file] !== undefined && (await sha256(absolute)) === files[file]) unchanged.add(absolute);
  }
  return unchanged;
}

async function existingFiles(files: readonly (string | undefined)[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    if (file === undefined) continue;
    try {
      await access(file);
      found.push(file);
    } catch {
      // absent: fine
    }
  }
  return found;
}

async function writeAtomically(file: string, text: string, options: { secret?: boolean } = {}): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}`;
  // A file that may hold secrets is its owner's alone from its first byte (the rename keeps the mode).
  await writeFile(temporary, text, options.secret ? { mode: 0o600 } : {});
  await rename(temporary, file);
}

/** `<file>.tmp-<pid>` files that an import killed before renaming them left behind (the env file's may hold a secret). */
function removeKilledImportLeftovers(dir: string): Promise<string[]> {
  return removeStaleTemporaries(dir, (name) => {
    const pid = /\.tmp-(\d+)$/.exec(name)?.[1];
    return pid === undefined ? undefined : Number(pid);
  });
}

