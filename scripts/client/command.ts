/** `conduit client [--generator NAME] [--out DIR] [--env NAME] [-- generator options…]`: flags, printing, exit codes. */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Command } from "../cli.js";
import { UserError } from "../diagnostics.js";
import { loadEnvironment } from "../bundle/environment.js";
import { stringifyJson, type JsonObject } from "../bundle/ordered.js";
import { stripConduitExtensions } from "../bundle/conduit-keys.js";
import { buildEnvironmentDefinition, loadBundledDefinition } from "../bundle/package.js";
import { displayPath, projectLayout, type ProjectLayout } from "../project.js";
import { ensureGeneratorJar, readGeneratorConfig } from "./generator-jar.js";
import { findJava } from "./java.js";
import { notableLines, runGenerator } from "./run-generator.js";

export const DEFAULT_GENERATOR = "typescript-fetch";

const HELP = `Usage: conduit client [--generator NAME] [--out DIR] [--env NAME] [-- generator options…]

Generates a client SDK from the connector's definition (the apiDefinition.swagger.json that \`conduit bundle\`
writes) with openapi-generator. It runs on Java 11 or later; the generator version is pinned in
openapitools.json, and its JAR is downloaded from Maven Central on the first run and cached (later runs work
offline).

Options:
  -g, --generator NAME   any openapi-generator generator (default: ${DEFAULT_GENERATOR}, the one tested
                         end to end; see the README's "Client SDKs")
  -o, --out DIR          where the client goes (default: dist/clients/<NAME>); files there are overwritten
  --env NAME             the definition \`conduit bundle --env NAME\` writes: its host and sign-in tenant
                         from the environment or .env.NAME, read as bundle reads them (default: the
                         spec's own host)
  -h, --help             show this help

Everything after \`--\` goes to \`openapi-generator generate\` as is, e.g.
  conduit client -- --additional-properties=importFileExtension=.js,npmName=work-orders-client
`;

export const clientCommand: Command = {
  summary: "generate a client SDK from the connector's definition with openapi-generator",
  help: HELP,
  async run(args) {
    const split = args.indexOf("--");
    const own = split === -1 ? args : args.slice(0, split);
    const extra = split === -1 ? [] : args.slice(split + 1);
    const { values, positionals } = parseArgs({
      args: own,
      options: {
        generator: { type: "string", short: "g" },
        out: { type: "string", short: "o" },
        env: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (positionals.length > 0) {
      throw new UserError(`client takes no file arguments (got ${positionals.join(" ")}): it reads spec/; generator options go after --, see --help`);
    }
    const generator = values.generator ?? DEFAULT_GENERATOR;
    if (!/^[A-Za-z0-9][\w.-]*$/.test(generator)) throw new UserError(`--generator must be a generator name such as ${DEFAULT_GENERATOR}; got "${generator}"`);

    const started = performance.now();
    const layout = projectLayout();
    const out = path.resolve(values.out ?? path.join(layout.dist, "clients", generator));
    const jar = await readGeneratorConfig(path.join(layout.root, "openapitools.json"), layout.root);
    const java = await findJava();
    const definition = await definitionFor(layout, values.env);

    if (!existsSync(jar.file)) process.stdout.write(`downloading openapi-generator ${jar.version} (first run; cached in ${jar.file})…\n`);
    const fetched = await ensureGeneratorJar(jar, layout.root, java.executable);
    if (fetched.downloaded) process.stdout.write(`downloaded in ${seconds(fetched.ms)}\n`);

    const work = await mkdtemp(path.join(os.tmpdir(), "conduit-client-"));
    try {
      const input = path.join(work, "apiDefinition.swagger.json");
      await writeFile(input, `${stringifyJson(definition)}\n`);
      const generatorStarted = performance.now();
      const result = await runGenerator({ java: java.executable, jar: jar.file, generator, definition: input, out, extra });
      if (result.code !== 0) throw generatorFailure(result.output, generator, jar.version);
      for (const line of notableLines(result.output)) process.stderr.write(`openapi-generator: ${line}\n`);
      const files = await writtenFiles(out);
      const shown = displayPath(out, layout.root);
      process.stdout.write(
        `wrote ${shown}/: ${generator} client (openapi-generator ${jar.version}, Java ${java.version}), ${files === undefined ? "" : `${files} files, `}` +
          `generated in ${seconds(performance.now() - generatorStarted)} (${seconds(performance.now() - started)} in all)\n`,
      );
      return 0;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
};

/**
 * The connector's definition: with --env, the one `conduit bundle --env` writes, from the values it uses (host and
 * sign-in tenant, read as bundle reads them); without, the spec's own host. conduit's own keys left out in both.
 */
async function definitionFor(layout: ProjectLayout, env: string | undefined): Promise<JsonObject> {
  if (env === undefined) return stripConduitExtensions(await loadBundledDefinition(layout)).definition;
  const environment = await loadEnvironment(layout.root, env);
  return buildEnvironmentDefinition({ layout, environment });
}

function generatorFailure(output: string, generator: string, version: string): UserError {
  if (/Can't load config class with name/.test(output)) {
    return new UserError(
      `openapi-generator ${version} has no generator named "${generator}": see https://openapi-generator.tech/docs/generators for the names (e.g. typescript-fetch, typescript-axios, python, csharp, java, go)`,
    );
  }
  const lines = notableLines(output);
  const shown = lines.slice(0, 30).join("\n  ");
  const more = lines.length > 30 ? `\n  (${lines.length - 30} more lines)` : "";
  return new UserError(`openapi-generator ${version} could not generate the ${generator} client:\n  ${shown || "(it printed nothing)"}${more}`);
}

/** The generator lists what it wrote in .openapi-generator/FILES (one path a line). */
async function writtenFiles(out: string): Promise<number | undefined> {
  try {
    return (await readFile(path.join(out, ".openapi-generator", "FILES"), "utf8")).split("\n").filter((line) => line.trim() !== "").length;
  } catch {
    return undefined;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
