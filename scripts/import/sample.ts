/**
 * The sample (the Work orders API) is listed in conduit.sample.json with each file's content hash, so that
 * `conduit import --replace-sample` can take it out of a project without guessing: a file still as the sample
 * shipped it goes; one someone changed stays, and is named, because it may be theirs now.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../diagnostics.js";

export const SAMPLE_MANIFEST = "conduit.sample.json";

/** The spec files import writes itself; the manifest keeps their hashes only to tell whether spec/ is the sample's. */
export const SAMPLE_SPEC_FILES = ["spec/apiDefinition.swagger.yaml", "spec/apiProperties.yaml", "spec/icon.png"] as const;
export const SAMPLE_ICON = "spec/icon.png";

export interface SampleManifest {
  /** Project-relative path (forward slashes) → sha256 of the content, hex. */
  readonly files: Readonly<Record<string, string>>;
}

export interface SampleReplacement {
  /** Sample files removed: unchanged since the sample. */
  readonly removed: readonly string[];
  /** Sample files kept because they differ from the sample (someone changed them). */
  readonly kept: readonly string[];
  /** Whether spec/icon.png is still the sample's icon. */
  readonly sampleIcon: boolean;
}

export async function sha256(file: string): Promise<string | undefined> {
  try {
    return createHash("sha256").update(await readFile(file)).digest("hex");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

export async function readSampleManifest(root: string): Promise<SampleManifest | undefined> {
  const file = path.join(root, SAMPLE_MANIFEST);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${SAMPLE_MANIFEST} is not valid JSON (${(error as Error).message}): restore it from git, or delete it if the sample is gone`);
  }
  const files = (parsed as { files?: unknown } | null)?.files;
  if (typeof files !== "object" || files === null || Object.values(files).some((h) => typeof h !== "string")) {
    throw new UserError(`${SAMPLE_MANIFEST}: "files" must map each path to its sha256; restore it from git`);
  }
  return { files: files as Record<string, string> };
}

export async function writeSampleManifest(root: string, manifest: SampleManifest): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const body = {
    about: "The sample's files (Work orders) with their sha256. `conduit import --replace-sample` removes those still unchanged.",
    files: sorted,
  };
  await writeFile(path.join(root, SAMPLE_MANIFEST), `${JSON.stringify(body, null, 2)}\n`);
}

/** Whether spec/ is still exactly the sample's (every spec file listed with its hash). */
export async function specIsSample(root: string, manifest: SampleManifest): Promise<boolean> {
  for (const file of SAMPLE_SPEC_FILES) {
    const expected = manifest.files[file];
    if (expected === undefined || (await sha256(path.join(root, file))) !== expected) return false;
  }
  return true;
}

/** The sample's code and test files (not its spec) still in the project, changed or not. */
export async function sampleCodeLeft(root: string, manifest: SampleManifest): Promise<string[]> {
  const left: string[] = [];
  for (const file of Object.keys(manifest.files)) {
    if (!(SAMPLE_SPEC_FILES as readonly string[]).includes(file) && (await sha256(path.join(root, file))) !== undefined) left.push(file);
  }
  return left;
}

/**
 * Removes the sample's code and tests that are unchanged; keeps and names the changed ones. Run after the new
 * spec is written (its files are not touched here). The manifest then lists only what is left of the sample.
 */
export async function replaceSample(root: string): Promise<SampleReplacement> {
  const manifest = await readSampleManifest(root);
  const iconHash = manifest?.files[SAMPLE_ICON];
  const sampleIcon = iconHash !== undefined && (await sha256(path.join(root, SAMPLE_ICON))) === iconHash;
  if (manifest === undefined) return { removed: [], kept: [], sampleIcon };
  const removed: string[] = [];
  const kept: string[] = [];
  const left: Record<string, string> = {};
  for (const [file, hash] of Object.entries(manifest.files)) {
    if ((SAMPLE_SPEC_FILES as readonly string[]).includes(file)) continue;
    const absolute = path.join(root, ...file.split("/"));
    const actual = await sha256(absolute);
    if (actual === undefined) continue;
    if (actual === hash) {
      await rm(absolute);
      removed.push(file);
      await removeEmptyFolders(root, path.dirname(absolute));
    } else {
      kept.push(file);
      left[file] = hash;
    }
  }
  if (sampleIcon && iconHash !== undefined) left[SAMPLE_ICON] = iconHash;
  if (Object.keys(left).length === 0) await rm(path.join(root, SAMPLE_MANIFEST), { force: true });
  else await writeSampleManifest(root, { files: left });
  return { removed, kept, sampleIcon };
}

/** A folder the sample emptied goes too (src/events/), up to the project root. */
async function removeEmptyFolders(root: string, dir: string): Promise<void> {
  let current = dir;
  while (current.startsWith(root + path.sep) && (await readdir(current)).length === 0) {
    await rmdir(current);
    current = path.dirname(current);
  }
}

/** For conduit's maintainers: records the current hashes of the listed files (and of `add`). */
export async function refreshSampleManifest(root: string, add: readonly string[] = []): Promise<SampleManifest> {
  const manifest = (await readSampleManifest(root)) ?? { files: {} };
  const files: Record<string, string> = {};
  for (const file of [...Object.keys(manifest.files), ...add.map((f) => f.split(path.sep).join("/"))]) {
    const hash = await sha256(path.join(root, file));
    if (hash === undefined) throw new UserError(`${SAMPLE_MANIFEST} lists ${file}, which does not exist`);
    files[file] = hash;
  }
  const refreshed = { files };
  await writeSampleManifest(root, refreshed);
  return refreshed;
}
