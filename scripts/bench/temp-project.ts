/**
 * A throwaway conduit project for one spec, in the temp folder: the repository's src/ (runtime, auth, entry)
 * without its handlers, `conduit generate` run into it (generated/ and handler stubs), and everything compiled
 * with the TypeScript compiler into dist/, so a fresh `node` can start the function app exactly as Azure would.
 * node_modules is the repository's (a symlink), so the packages are the ones the app ships with.
 */
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import ts from "typescript";
import { generate } from "../generate/generate.js";
import { loadSwagger } from "../spec/load.js";
import type { BenchSpec } from "./corpus.js";

export interface TempProject {
  readonly root: string;
  readonly spec: string;
  /** The parsed document as JSON (what an app that compiles its validators at start-up reads). */
  readonly specJson: string;
  /** Compiled output: dist/src/index.js is the function app's entry. */
  readonly dist: string;
  readonly operations: number;
  readonly generateMs: number;
  readonly compileMs: number;
  /** Type errors tsc reported in generated/ and the handler stubs (it emits regardless). */
  readonly typeErrors: readonly string[];
  /** Type errors elsewhere: in the repository's src/ as copied (someone's work in progress, not this spec's). */
  readonly otherTypeErrors: number;
  remove(): Promise<void>;
}

export async function createTempProject(spec: BenchSpec, repositoryRoot: string = process.cwd()): Promise<TempProject> {
  const root = await mkdtemp(path.join(os.tmpdir(), "conduit-bench-"));
  try {
    const handlers = path.join(repositoryRoot, "src", "handlers");
    await cp(path.join(repositoryRoot, "src"), path.join(root, "src"), {
      recursive: true,
      // The app's own handlers are the repository's business; the generated stubs stand in for them.
      filter: (source) => !source.startsWith(handlers) && (!path.basename(source).includes(".") || source.endsWith(".ts") || source.endsWith(".cts")),
    });
    await symlink(path.join(repositoryRoot, "node_modules"), path.join(root, "node_modules"), "dir");
    await writeFile(path.join(root, "package.json"), JSON.stringify({ name: "conduit-bench-app", private: true, type: "module" }));
    const specFile = path.join(root, "spec", `apiDefinition.swagger.${spec.extension}`);
    await mkdir(path.dirname(specFile), { recursive: true });
    await writeFile(specFile, spec.text);
    const specJson = path.join(root, "spec", "document.json");
    await writeFile(specJson, JSON.stringify((await loadSwagger(specFile)).data));

    const generated = await generate({
      root,
      spec: specFile,
      out: path.join(root, "generated"),
      handlers: path.join(root, "src", "handlers"),
      runtime: path.join(root, "src", "runtime"),
    });
    const compileStarted = performance.now();
    const errors = compile(root, repositoryRoot, [...(await tsFiles(path.join(root, "src"))), ...(await tsFiles(path.join(root, "generated")))]);
    const ours = (e: string) => e.startsWith("generated") || e.startsWith(path.join("src", "handlers"));
    return {
      root,
      spec: specFile,
      specJson,
      dist: path.join(root, "dist"),
      operations: generated.operations,
      generateMs: generated.elapsedMs,
      compileMs: performance.now() - compileStarted,
      typeErrors: errors.filter(ours),
      otherTypeErrors: errors.filter((e) => !ours(e)).length,
      remove: () => rm(root, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

async function tsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && (e.name.endsWith(".ts") || e.name.endsWith(".cts"))).map((e) => path.join(e.parentPath, e.name)).sort();
}

/** tsc with the repository's compiler options (strict, NodeNext), emitting into dist/ even when types fail. */
function compile(root: string, repositoryRoot: string, files: readonly string[]): string[] {
  const configFile = path.join(repositoryRoot, "tsconfig.json");
  const config = ts.readConfigFile(configFile, (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, repositoryRoot);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    rootDir: root,
    outDir: path.join(root, "dist"),
    incremental: false,
    tsBuildInfoFile: undefined,
    sourceMap: false,
    typeRoots: [path.join(repositoryRoot, "node_modules", "@types")],
  };
  const program = ts.createProgram({ rootNames: [...files], options });
  const emitted = program.emit();
  return [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics]
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (!d.file || d.start === undefined) return message;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${path.relative(root, d.file.fileName)}(${line + 1},${character + 1}): ${message}`;
    });
}
