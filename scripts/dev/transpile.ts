/**
 * Rebuilds single files the way `tsc` emits them, without type checking: TypeScript's transpileModule, with the
 * project's compiler options, into the same place in dist/ (`.ts` → `.js`, `.cts` → `.cjs`) with a source map.
 * A file costs milliseconds where a full `tsc` costs seconds; the type check runs beside it (checker.ts).
 * Syntax errors come back as diagnostics and nothing is written for that file.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { Severity, type Diagnostic } from "../diagnostics.js";
import { STANDALONE_MARKER } from "../generate/validators.js";
import { displayPath } from "../project.js";

export interface BuildLayout {
  /** The folder tsc's rootDir names: the project root. */
  readonly rootDir: string;
  /** Where the app runs from: dist/. */
  readonly outDir: string;
  readonly compilerOptions: ts.CompilerOptions;
}

export interface TranspileResult {
  /** Outputs whose bytes changed. */
  readonly written: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The project's compiler options from tsconfig.json (defaults when it has none). */
export function readBuildLayout(root: string, outDir: string): BuildLayout {
  const configFile = path.join(root, "tsconfig.json");
  let compilerOptions: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, sourceMap: true };
  if (ts.sys.fileExists(configFile)) {
    const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (parsed !== undefined) compilerOptions = parsed.options;
  }
  return { rootDir: root, outDir, compilerOptions };
}

/** Where tsc writes a source file's JavaScript. */
export function outputPath(layout: BuildLayout, file: string): string {
  const relative = path.relative(layout.rootDir, file);
  return path.join(layout.outDir, relative.replace(/\.cts$/, ".cjs").replace(/\.mts$/, ".mjs").replace(/\.ts$/, ".js"));
}

export async function transpileFiles(layout: BuildLayout, files: readonly string[]): Promise<TranspileResult> {
  const written: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of [...new Set(files)].sort()) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      continue; // deleted meanwhile: whatever imported it will say so when the app loads
    }
    const output = outputPath(layout, file);
    if (file.endsWith(".cts") && text.includes(`\n${STANDALONE_MARKER}\n`)) {
      // A validators module is ajv's JavaScript under a comment: TypeScript would only reprint it (hundreds of
      // milliseconds for a large one). It runs as it is; `tsc` reprints it at the next full build.
      if (await writeIfChanged(output, text)) written.push(output);
      continue;
    }
    const result = ts.transpileModule(text, {
      fileName: file,
      reportDiagnostics: true,
      compilerOptions: {
        ...layout.compilerOptions,
        // transpileModule cannot read package.json: the module kind follows the extension as NodeNext would
        // for a "type": "module" package (.cts is CommonJS).
        module: file.endsWith(".cts") ? ts.ModuleKind.CommonJS : ts.ModuleKind.ES2022,
        moduleResolution: undefined,
        sourceMap: true,
        inlineSourceMap: false,
        declaration: false,
        incremental: false,
        tsBuildInfoFile: undefined,
      },
    });
    const errors = (result.diagnostics ?? []).filter((d) => d.file !== undefined && d.category === ts.DiagnosticCategory.Error);
    if (errors.length > 0) {
      diagnostics.push(...errors.map((d) => toDiagnostic(d, file)));
      continue;
    }
    const map = fixSourceMap(result.sourceMapText, output, file);
    if (await writeIfChanged(output, result.outputText)) written.push(output);
    if (map !== undefined) await writeIfChanged(`${output}.map`, map);
  }
  return { written, diagnostics };
}

/** Transpiles a small module in memory, so that the first real save finds the emitter compiled. */
export function warmTranspiler(layout: BuildLayout): void {
  const text = "import type { A } from './a.js';\nexport const handler = async (request: A): Promise<{ status: number }> => ({ status: 200 });\n";
  ts.transpileModule(text, { fileName: path.join(layout.rootDir, "warm.ts"), compilerOptions: { ...layout.compilerOptions, module: ts.ModuleKind.ES2022, moduleResolution: undefined, sourceMap: true } });
}

/** tsc's maps name the source relative to the map; transpileModule names it as given. */
function fixSourceMap(text: string | undefined, output: string, source: string): string | undefined {
  if (text === undefined) return undefined;
  const map = JSON.parse(text) as { sources?: string[] };
  map.sources = [path.relative(path.dirname(output), source).split(path.sep).join("/")];
  return JSON.stringify(map);
}

async function writeIfChanged(file: string, text: string): Promise<boolean> {
  const current = await readFile(file, "utf8").catch(() => undefined);
  if (current === text) return false;
  await mkdir(path.dirname(file), { recursive: true });
  // Written beside and renamed: an app starting meanwhile never reads half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
  return true;
}

function toDiagnostic(d: ts.Diagnostic, file: string): Diagnostic {
  const start = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
  const end = d.file!.getLineAndCharacterOfPosition((d.start ?? 0) + (d.length ?? 0));
  return {
    code: `TS${d.code}`,
    message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    path: [],
    severity: Severity.Error,
    source: displayPath(file),
    range: { start, end },
  };
}
