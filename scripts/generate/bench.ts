/**
 * `npm run bench:generate [-- SPEC...]`: how long `conduit generate` takes on big specs, stage by stage, as a
 * ratio to parsing the spec (measured in the same run), and what precompiled validators save the function
 * app at start-up (importing them against compiling the same schemas with ajv). Without arguments it takes the
 * largest connector of ../shared/corpus and a spec merged from the corpus's largest connectors (~1.1 MB).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { buildApiModel } from "../model/build.js";
import { isObject, type JsonObject } from "../model/refs.js";
import { parseSourceDocument } from "../spec/document.js";
import { createAjv } from "./ajv.js";
import { renderHandlers } from "./handlers.js";
import { contentKeys, toOpenApi3 } from "./openapi3.js";
import { renderTypes } from "./types.js";
import { createSchemaContext, definitionSchemas, requestSchema, responseSchemas } from "./validator-schemas.js";
import { renderValidators } from "./validators.js";

const RUNS = 3;

async function median(run: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

interface Target {
  readonly name: string;
  readonly text: string;
}

function corpusTargets(): Target[] {
  const corpus = path.resolve(process.cwd(), "../shared/corpus");
  if (!existsSync(corpus)) return [];
  const files = readdirSync(corpus)
    .map((name) => path.join(corpus, name, "apiDefinition.swagger.json"))
    .filter((file) => existsSync(file))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  const largest = files[0];
  if (largest === undefined) return [];
  return [
    { name: path.basename(path.dirname(largest)), text: readFileSync(largest, "utf8") },
    { name: "corpus connectors merged into one spec (synthetic)", text: JSON.stringify(mergeSpecs(files, 1_100_000, 219), null, 2) },
  ];
}

/**
 * One spec from several, paths and reusable names prefixed so nothing collides, until it has `bytes` and
 * `operations` (the sizes of the largest real connectors: 1.1 MB, 219 operations).
 */
function mergeSpecs(files: readonly string[], bytes: number, operations: number): JsonObject {
  const merged: JsonObject = { swagger: "2.0", info: { title: "merged", version: "1" }, paths: {}, definitions: {}, parameters: {}, responses: {} };
  let size = 0;
  let count = 0;
  files.forEach((file, index) => {
    if (size >= bytes && count >= operations) return;
    const text = readFileSync(file, "utf8");
    size += text.length;
    const prefix = `c${index}_`;
    const data = JSON.parse(text.replace(/^\uFEFF/, "").replace(/"#\/(definitions|parameters|responses)\//g, `"#/$1/${prefix}`)) as JsonObject;
    for (const section of ["definitions", "parameters", "responses"] as const) {
      const source = isObject(data[section]) ? data[section] : {};
      for (const [key, value] of Object.entries(source)) (merged[section] as JsonObject)[`${prefix}${key}`] = value;
    }
    for (const [p, item] of Object.entries(isObject(data["paths"]) ? data["paths"] : {})) {
      if (!isObject(item)) continue;
      for (const operation of Object.values(item)) {
        if (!isObject(operation) || !isObject(operation["responses"])) continue;
        count++;
        if (typeof operation["operationId"] === "string") operation["operationId"] = `${prefix}${operation["operationId"]}`;
      }
      (merged["paths"] as JsonObject)[`/c${index}${p}`] = item;
    }
  });
  return merged;
}

async function bench(target: Target): Promise<void> {
  const out = "/bench/generated";
  const runtime = "/bench/src/runtime";
  const parse = await median(() => parseSourceDocument(target.text, target.name));
  const data = parseSourceDocument(target.text, target.name).data;
  const root = isObject(data) ? data : {};
  const model = buildApiModel(data);
  const openapi = await toOpenApi3(data, model.operations);
  const stages: [string, number][] = [
    ["model", await median(() => buildApiModel(data))],
    ["convert to OpenAPI 3", await median(() => toOpenApi3(data, model.operations))],
    ["types.ts (openapi-typescript)", await median(() => renderTypes(openapi))],
    ["handlers.ts", await median(() => renderHandlers({ operations: model.operations, contentKeys: new Map(model.operations.map((o) => [o.name, contentKeys(openapi, o)])), outDir: out, runtimeDir: runtime }))],
    ["validators.ts (ajv standalone)", await median(() => renderValidators(root, model.operations, out, runtime))],
  ];
  const total = stages.reduce((sum, [, ms]) => sum + ms, 0);
  process.stdout.write(`\n${target.name}: ${(target.text.length / 1e6).toFixed(2)} MB, ${model.operations.length} operations\n`);
  process.stdout.write(`  parse (baseline)                 ${parse.toFixed(0).padStart(6)} ms   1.0x\n`);
  for (const [stage, ms] of stages) process.stdout.write(`  ${stage.padEnd(32)} ${ms.toFixed(0).padStart(6)} ms ${(ms / parse).toFixed(1).padStart(5)}x\n`);
  process.stdout.write(`  generate (all stages)            ${total.toFixed(0).padStart(6)} ms ${(total / parse).toFixed(1).padStart(5)}x\n`);
  await startup(root, model.operations);
}

/**
 * Function-app start: import the precompiled validators and load every operation's module (as if each operation
 * were called once), or compile every schema with ajv as it would without them.
 */
async function startup(root: JsonObject, operations: ReturnType<typeof buildApiModel>["operations"]): Promise<void> {
  const dir = await mkdtemp(path.join(process.cwd(), ".bench-"));
  try {
    const transpile = (source: string, module: ts.ModuleKind) =>
      ts.transpileModule(source, { compilerOptions: { module, target: ts.ScriptTarget.ES2022 } }).outputText;
    const lazyRuntime = await readFile(new URL("../../src/runtime/lazy-validators.js", import.meta.url), "utf8");
    const entries: string[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const runDir = path.join(dir, `run${run}`);
      const result = renderValidators(root, operations, runDir, path.join(runDir, "runtime"));
      await mkdir(path.join(runDir, "runtime"), { recursive: true });
      await writeFile(path.join(runDir, "runtime", "lazy-validators.js"), lazyRuntime);
      await writeFile(path.join(runDir, "validators.mjs"), transpile(result.text, ts.ModuleKind.ES2022));
      bytes = 0;
      for (const [file, text] of result.modules) {
        const js = transpile(text, ts.ModuleKind.CommonJS);
        bytes += js.length;
        await mkdir(path.dirname(path.join(runDir, file)), { recursive: true });
        await writeFile(path.join(runDir, file.replace(/\.cts$/, ".cjs")), js);
      }
      entries.push(path.join(runDir, "validators.mjs"));
    }
    let i = 0;
    const load = await median(async () => {
      const { validators } = (await import(pathToFileURL(entries[i++]!).href)) as { validators: Record<string, { request: (data: unknown) => boolean }> };
      for (const v of Object.values(validators)) v.request(undefined);
    });
    const compile = await median(() => {
      const context = createSchemaContext(root);
      const ajv = createAjv();
      for (const schema of [...definitionSchemas(context, "request"), ...definitionSchemas(context, "response")]) ajv.addSchema(schema);
      for (const operation of operations) {
        ajv.compile(requestSchema(operation, context));
        for (const schema of responseSchemas(operation, context).values()) ajv.compile(schema);
      }
    });
    process.stdout.write(`  start-up: import precompiled validators and load every operation's ${load.toFixed(0)} ms (${(bytes / 1e6).toFixed(2)} MB); ` +
      `compiling them instead ${compile.toFixed(0)} ms: ${(compile / load).toFixed(1)}x slower\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const targets: Target[] = process.argv.length > 2
  ? process.argv.slice(2).map((file) => ({ name: file, text: readFileSync(file, "utf8") }))
  : corpusTargets();
if (targets.length === 0) {
  process.stderr.write("usage: node dist/scripts/generate/bench.js SPEC... (or run beside ../shared/corpus)\n");
  process.exitCode = 2;
}
for (const target of targets) await bench(target);
