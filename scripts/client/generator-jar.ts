/**
 * The openapi-generator JAR: which version (openapitools.json, as @openapitools/openapi-generator-cli reads it),
 * where it is cached, and fetching it once through that package's version manager.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { UserError } from "../diagnostics.js";
import { displayPath } from "../project.js";

/** Where the wrapper itself keeps JARs when openapitools.json names no storageDir (inside node_modules). */
const WRAPPER_PACKAGE = "@openapitools/openapi-generator-cli";
const DEFAULT_DOWNLOAD_URL = "https://repo1.maven.org/maven2/${groupId}/${artifactId}/${versionName}/${artifactId}-${versionName}.jar";

export interface GeneratorJar {
  readonly version: string;
  /** Absolute path of `<storage>/<version>.jar`, where the wrapper puts it. */
  readonly file: string;
  readonly downloadUrl: string;
  /** openapitools.json, absolute. */
  readonly config: string;
}

/** Reads openapitools.json the way the wrapper does: `generator-cli.version`, `storageDir` (with `~`), `repository.downloadUrl`. */
export async function readGeneratorConfig(configFile: string, root: string): Promise<GeneratorJar> {
  const shown = displayPath(configFile, root);
  let text: string;
  try {
    text = await readFile(configFile, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new UserError(
        `${shown} is missing: it pins the openapi-generator version, e.g. { "generator-cli": { "version": "7.23.0", "storageDir": "~/.cache/openapi-generator-cli" } }`,
      );
    }
    throw new UserError(`cannot read ${shown}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${shown} is not valid JSON: ${(error as Error).message}`);
  }
  const cli = (parsed as { "generator-cli"?: { version?: unknown; storageDir?: unknown; repository?: { downloadUrl?: unknown }; useDocker?: unknown } })?.["generator-cli"];
  const version = cli?.version;
  if (typeof version !== "string" || !/^[\w.+-]+$/.test(version)) {
    throw new UserError(`${shown} pins no generator version: set "generator-cli": { "version": "7.23.0" } (a version of org.openapitools:openapi-generator-cli)`);
  }
  if (cli?.useDocker === true) throw new UserError(`${shown} sets useDocker: conduit client runs the generator with Java; remove useDocker`);
  const storageDir = typeof cli?.storageDir === "string" ? cli.storageDir : undefined;
  const storage = storageDir === undefined ? path.join(path.dirname(wrapperMain()), "versions") : path.resolve(root, storageDir.replace("~", os.homedir()));
  const template = typeof cli?.repository?.downloadUrl === "string" ? cli.repository.downloadUrl : DEFAULT_DOWNLOAD_URL;
  return { version, file: path.join(storage, `${version}.jar`), downloadUrl: downloadUrlOf(template, version), config: configFile };
}

export function downloadUrlOf(template: string, version: string): string {
  const values: Record<string, string> = {
    groupId: "org/openapitools",
    artifactId: "openapi-generator-cli",
    "group.id": "org.openapitools",
    "artifact.id": "openapi-generator-cli",
    versionName: version,
  };
  return template.replace(/\$\{([\w.]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export interface FetchOutcome {
  /** False when the JAR was already cached. */
  readonly downloaded: boolean;
  readonly ms: number;
}

/**
 * Makes sure the pinned JAR is in its cache: when it is not, the wrapper's version manager downloads it (it reads
 * the same openapitools.json, honours HTTPS_PROXY, and writes the JAR whole or not at all). Cached, nothing runs
 * and nothing goes to the network.
 */
export async function ensureGeneratorJar(jar: GeneratorJar, root: string, javaExecutable: string): Promise<FetchOutcome> {
  if (existsSync(jar.file)) return { downloaded: false, ms: 0 };
  const started = performance.now();
  // `version` is the wrapper's cheapest command: it downloads the selected version first, then asks the JAR its
  // version. The wrapper finds Java on PATH, so the Java we chose goes first there.
  const javaDir = path.isAbsolute(javaExecutable) ? path.dirname(javaExecutable) : undefined;
  const env = {
    ...process.env,
    PWD: root,
    ...(javaDir ? { PATH: `${javaDir}${path.delimiter}${process.env["PATH"] ?? ""}` } : {}),
  };
  const output = await capture(process.execPath, [wrapperMain(), "version", "--openapitools", jar.config], root, env);
  if (!existsSync(jar.file)) {
    const reason = /Download failed, because of: "?([^"\n]*)"?/.exec(output)?.[1] ?? lastLines(output);
    throw new UserError(
      `could not download openapi-generator ${jar.version} from ${jar.downloadUrl}: ${reason}. ` +
        `Check the network (and HTTPS_PROXY behind a proxy), or download that file yourself to ${jar.file}; once it is there, no network is needed`,
    );
  }
  return { downloaded: true, ms: performance.now() - started };
}

function wrapperMain(): string {
  return createRequire(import.meta.url).resolve(`${WRAPPER_PACKAGE}/main.js`);
}

function capture(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error) => resolve(`${output}\n${error.message}`));
    child.on("close", () => resolve(output));
  });
}

function lastLines(text: string): string {
  return text.trim().split("\n").slice(-3).join(" ").slice(0, 400) || "the download did not happen";
}
