import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import ts from "typescript";
import { generate, type GenerateResult } from "../../scripts/generate/generate.js";
import { repositoryRoot } from "./sample-project.js";
import { typecheck } from "./typecheck.js";

const corpus = path.resolve(process.cwd(), "../shared/corpus");

interface Generated {
  readonly connector: string;
  readonly dir: string;
  readonly specBytes: number;
  readonly result: GenerateResult;
}

/** Every `any` keyword in a file's types (generated/validators.ts is ajv's JavaScript and is skipped). */
function anyKeywords(file: string, text: string): number {
  let count = 0;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) count++;
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS));
  return count;
}

describe("conduit generate on every corpus connector", () => {
  let temp: string;
  const generated: Generated[] = [];

  before(async () => {
    assert.ok(existsSync(corpus), `the corpus is expected at ${corpus}`);
    temp = await mkdtemp(path.join(os.tmpdir(), "conduit-corpus-"));
    for (const connector of (await readdir(corpus)).sort()) {
      const spec = path.join(corpus, connector, "apiDefinition.swagger.json");
      if (!existsSync(spec)) continue;
      const dir = path.join(temp, connector);
      const result = await generate({
        root: dir,
        spec,
        out: path.join(dir, "generated"),
        handlers: path.join(dir, "handlers"),
        runtime: path.join(repositoryRoot, "src", "runtime"),
      });
      generated.push({ connector, dir, specBytes: (await readFile(spec)).length, result });
    }
  });
  after(async () => {
    await rm(temp, { recursive: true, force: true });
  });

  test("generates every connector, and the output compiles with tsc --strict in one program", (t) => {
    assert.equal(generated.length, 54);
    const operations = generated.reduce((n, g) => n + g.result.operations, 0);
    const warnings = generated.reduce((n, g) => n + g.result.diagnostics.length, 0);
    const largest = [...generated].sort((a, b) => b.specBytes - a.specBytes)[0]!;
    const started = performance.now();
    const result = typecheck(generated.map((g) => path.join(g.dir, "generated", "registrations.ts")));
    t.diagnostic(
      `corpus: ${generated.length} connectors, ${operations} operations, ${warnings} notes; ` +
        `tsc over ${result.files} entry files in ${Math.round(performance.now() - started)} ms; ` +
        `largest ${largest.connector} (${largest.specBytes} bytes, ${largest.result.operations} operations) generated in ${Math.round(largest.result.elapsedMs)} ms`,
    );
    assert.deepEqual(result.errors.slice(0, 20), []);
  });

  test("no generated type is `any`", async () => {
    for (const g of generated) {
      for (const name of ["types.ts", "handlers.ts", "operations.ts", "registrations.ts"]) {
        const file = path.join(g.dir, "generated", name);
        assert.equal(anyKeywords(file, await readFile(file, "utf8")), 0, `${g.connector}/${name}`);
      }
    }
  });

  test("operation names are identifiers, unique case-insensitively, one handler each: a file, or written by conduit (webhooks)", async () => {
    for (const g of generated) {
      const handlers = [...(await readdir(path.join(g.dir, "handlers"))).map((f) => f.replace(/\.ts$/, "")), ...g.result.generatedHandlers];
      assert.equal(handlers.length, g.result.operations, g.connector);
      assert.equal(new Set(handlers.map((h) => h.toLowerCase())).size, handlers.length, g.connector);
      for (const name of handlers) assert.match(name, /^[A-Za-z_][A-Za-z0-9_]*$/, `${g.connector}: ${name}`);
    }
  });

  test("same spec, same output: regenerating the largest connector changes nothing", async () => {
    const largest = [...generated].sort((a, b) => b.specBytes - a.specBytes)[0]!;
    const again = await generate({
      root: largest.dir,
      spec: path.join(corpus, largest.connector, "apiDefinition.swagger.json"),
      out: path.join(largest.dir, "generated"),
      handlers: path.join(largest.dir, "handlers"),
      runtime: path.join(repositoryRoot, "src", "runtime"),
      check: true,
    });
    assert.ok(again.upToDate);
  });
});
