/**
 * An error thrown while the function app loads, from the project's own code (a handler that throws at import, a
 * syntax error tsc let through): the user's file and line in TypeScript, the message, and none of conduit's
 * frames. Mapped through the build's source maps only when such an error happens, so start-up pays nothing.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Severity, UserError, type Diagnostic } from "../diagnostics.js";
import { displayPath } from "../project.js";

interface Frame {
  readonly file: string;
  /** One-based, as stack traces print them. */
  readonly line: number;
  readonly column: number;
  /** The problem in the source's own words, when the source was checked rather than the stack read. */
  readonly message?: string;
}

/** A UserError at the first frame in the project's code (outside node_modules and conduit's scripts), if any. */
export async function userCodeError(error: unknown, root: string): Promise<UserError | undefined> {
  if (!(error instanceof Error) || typeof error.stack !== "string") return undefined;
  const frame = framesOf(error.stack).map((f) => original(f)).find((f) => isUserCode(f.file, root));
  // V8 gives an ES module's syntax error no file: find it in the sources, as tsc would have said.
  const place = frame ?? (error instanceof SyntaxError ? await syntaxErrorInSources(root) : undefined);
  if (place === undefined) return undefined;
  const shown = displayPath(place.file, root);
  const what = place.message ?? `${error.name}: ${error.message.split("\n")[0]}`;
  const at = { line: place.line - 1, character: Math.max(0, place.column - 1) };
  const diagnostic: Diagnostic = { code: "app-load", message: what, path: [], severity: Severity.Error, source: shown, range: { start: at, end: at } };
  return new UserError(`the function app failed to load: ${shown} threw ${error.name} (fix it there, then build again; CONDUIT_DEBUG=1 shows the full stack)`, {
    diagnostics: [diagnostic],
    cause: error,
  });
}

/** The first syntax error TypeScript finds in src/, with its message. */
async function syntaxErrorInSources(root: string): Promise<Frame | undefined> {
  const src = path.join(root, "src");
  if (!existsSync(src)) return undefined;
  const ts = (await import("typescript")).default;
  const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => /\.(c|m)?ts$/.test(f) && !f.endsWith(".d.ts")).sort();
  for (const name of files) {
    const file = path.join(src, name);
    const text = readFileSync(file, "utf8");
    const output = ts.transpileModule(text, { fileName: file, reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.NodeNext, target: ts.ScriptTarget.ES2022 } });
    const first = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error && d.start !== undefined);
    if (first?.file === undefined || first.start === undefined) continue;
    const { line, character } = first.file.getLineAndCharacterOfPosition(first.start);
    return { file, line: line + 1, column: character + 1, message: `SyntaxError: ${ts.flattenDiagnosticMessageText(first.messageText, " ")}` };
  }
  return undefined;
}

function framesOf(stack: string): Frame[] {
  const frames: Frame[] = [];
  // A syntax error names its place on the stack's first line: `file:///…/x.js:4`.
  const header = /^(file:\/\/\/?[^\s:]+(?::\\)?[^\s:]*|\/[^\s:]+):(\d+)\s*$/m.exec(stack.split("\nSyntaxError")[0] ?? "");
  if (header) frames.push({ file: toPath(header[1]!), line: Number(header[2]), column: 1 });
  for (const match of stack.matchAll(/^\s+at (?:.*? \()?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?$/gm)) {
    if (match[1]!.startsWith("node:")) continue;
    frames.push({ file: toPath(match[1]!), line: Number(match[2]), column: Number(match[3]) });
  }
  return frames;
}

function toPath(location: string): string {
  return location.startsWith("file:") ? fileURLToPath(location) : location;
}

/** The TypeScript position of a compiled frame, through its `.js.map`; the frame itself without one. */
function original(frame: Frame): Frame {
  const mapFile = `${frame.file}.map`;
  if (!frame.file.endsWith(".js") || !existsSync(mapFile)) return frame;
  try {
    const map = new SourceMap(JSON.parse(readFileSync(mapFile, "utf8")) as ConstructorParameters<typeof SourceMap>[0]);
    const entry = map.findEntry(frame.line - 1, frame.column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
    if (entry.originalSource === undefined || entry.originalLine === undefined) return frame;
    const file = fileURLToPath(new URL(entry.originalSource, pathToFileURL(mapFile)));
    return { file, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
  } catch {
    return frame;
  }
}

function isUserCode(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return false;
  const top = rel.split(path.sep)[0];
  // src/ is the user's (handlers, and the runtime a template user may change); scripts/ and node_modules are not.
  return top === "src" || (top === "dist" && rel.split(path.sep)[1] === "src");
}
