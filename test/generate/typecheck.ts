/** Type-checks a set of files with the project's compiler options (strict), in one program, emitting nothing. */
import path from "node:path";
import ts from "typescript";
import { repositoryRoot } from "./sample-project.js";

export interface TypecheckResult {
  readonly files: number;
  /** `file(line,col): message`, one per error. */
  readonly errors: readonly string[];
}

export function projectCompilerOptions(): ts.CompilerOptions {
  const configFile = path.join(repositoryRoot, "tsconfig.json");
  const config = ts.readConfigFile(configFile, (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, repositoryRoot);
  const { outDir: _outDir, rootDir: _rootDir, tsBuildInfoFile: _buildInfo, incremental: _incremental, ...options } = parsed.options;
  return { ...options, noEmit: true, typeRoots: [path.join(repositoryRoot, "node_modules", "@types")] };
}

export function typecheck(rootNames: readonly string[]): TypecheckResult {
  const program = ts.createProgram({ rootNames: [...rootNames], options: projectCompilerOptions() });
  const errors = ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}(${line + 1},${character + 1}): ${message}`;
  });
  return { files: program.getRootFileNames().length, errors };
}
