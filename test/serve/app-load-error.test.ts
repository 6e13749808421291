/**
 * A user's module that throws or does not parse while the app loads: the real importApp on a built app in a
 * temporary project reports the TypeScript file:line:col and the message, none of conduit's frames; the stack
 * only with CONDUIT_DEBUG=1.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import ts from "typescript";
import { reportError } from "../../scripts/cli.js";
import { UserError } from "../../scripts/diagnostics.js";
import { importApp } from "../../scripts/serve/app.js";
import { temporaryFolder } from "../helpers/temp.js";

/** A project whose app entry imports one handler, built as tsc builds it (JS and source map under dist/). */
function builtProject(handler: string, emitted?: string): string {
  const root = temporaryFolder("conduit-appload-");
  const source = path.join(root, "src", "handlers", "Boom.ts");
  const out = path.join(root, "dist", "src", "handlers", "Boom.js");
  mkdirSync(path.dirname(source), { recursive: true });
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(source, handler);
  const built = ts.transpileModule(handler, { fileName: "Boom.ts", compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, sourceMap: true } });
  const map = JSON.parse(built.sourceMapText!) as { sources: string[]; file: string };
  map.sources = ["../../../src/handlers/Boom.ts"];
  map.file = "Boom.js";
  writeFileSync(out, emitted ?? built.outputText.replace(/\/\/# sourceMappingURL=.*$/m, "//# sourceMappingURL=Boom.js.map"));
  writeFileSync(`${out}.map`, JSON.stringify(map));
  writeFileSync(path.join(root, "dist", "src", "index.js"), 'import "./handlers/Boom.js";\nexport const registrations = [];\n');
  return path.join(root, "dist", "src", "index.js");
}

async function loadError(entry: string): Promise<UserError> {
  try {
    await importApp(entry);
  } catch (error) {
    assert.ok(error instanceof UserError, `a UserError, not ${String(error)}`);
    return error;
  }
  assert.fail("the app loaded");
}

function printed(error: unknown, debug: boolean): { code: number; text: string } {
  const write = process.stderr.write;
  const before = process.env["CONDUIT_DEBUG"];
  let text = "";
  process.stderr.write = ((chunk: string) => ((text += chunk), true)) as typeof process.stderr.write;
  if (debug) process.env["CONDUIT_DEBUG"] = "1";
  else delete process.env["CONDUIT_DEBUG"];
  try {
    return { code: reportError(error), text };
  } finally {
    process.stderr.write = write;
    if (before === undefined) delete process.env["CONDUIT_DEBUG"];
    else process.env["CONDUIT_DEBUG"] = before;
  }
}

const THROWS = `// A handler that fails at import.
const table: Record<string, string> = {};

export const limit: number = JSON.parse(table["limit"] as string);
`;

describe("an error while the app loads a user's module", () => {
  test("a throw at import: the .ts file, line and column, and the message; no conduit frames", async () => {
    const error = await loadError(builtProject(THROWS));
    const [d] = error.diagnostics;
    assert.equal(d?.source, path.join("src", "handlers", "Boom.ts"));
    assert.equal(d?.range.start.line, 3, "line 4, in the TypeScript source");
    assert.match(d?.message ?? "", /^SyntaxError: .*JSON/);
    const plain = printed(error, false);
    assert.equal(plain.code, 2);
    assert.match(plain.text, /^conduit: the function app failed to load: src\/handlers\/Boom\.ts threw SyntaxError \(fix it there, then build again; CONDUIT_DEBUG=1 shows the full stack\)\n {2}src\/handlers\/Boom\.ts:4:\d+ {2}SyntaxError: /);
    assert.doesNotMatch(plain.text, /\n\s+at /, "no stack");
    const debug = printed(error, true);
    assert.match(debug.text, /\n\s+at .*Boom\.js:\d+:\d+/, "CONDUIT_DEBUG=1: the full stack");
  });

  test("JavaScript that does not parse: the syntax error's place in the TypeScript source", async () => {
    const broken = "export const ok = 1;\nconst broken = ;\n";
    const error = await loadError(builtProject(broken, broken));
    const [d] = error.diagnostics;
    assert.equal(`${d?.source}:${(d?.range.start.line ?? -1) + 1}:${(d?.range.start.character ?? -1) + 1}`, `${path.join("src", "handlers", "Boom.ts")}:2:16`);
    assert.equal(d?.message, "SyntaxError: Expression expected.");
  });
});
