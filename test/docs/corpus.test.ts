// conduit docs on a fixed sample of real connectors (every 12th of ../shared/corpus and ../shared/corpus-wide by
// name, plus a few known-awkward ones); scripts/bench/docs.ts runs all of them and counts. Each must print, in both
// formats, one entry per operation with an example call a canvas app could parse, or null where it cannot call.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { runDocs } from "../../scripts/docs/command.js";

const ROOTS = ["../shared/corpus", "../shared/corpus-wide"].map((r) => path.resolve(process.cwd(), r));
/** Not strict JSON (a missing brace), YAML-parsed; the largest definitions; webhook triggers; recursive schemas. */
const AWKWARD = ["independent-publisher-connectors_Icon_Horse", "certified-connectors_Encodian", "certified-connectors_Airmeet", "certified-connectors_Adobe_Experience_Manager"];

function sample(): string[] {
  const all = ROOTS.filter(existsSync).flatMap((root) =>
    readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, "apiDefinition.swagger.json")))
      .map((d) => path.join(root, d.name, "apiDefinition.swagger.json")),
  );
  all.sort((a, b) => (path.basename(path.dirname(a)) < path.basename(path.dirname(b)) ? -1 : 1));
  return all.filter((file, i) => i % 12 === 0 || AWKWARD.includes(path.basename(path.dirname(file))));
}

/** Strings closed, brackets balanced and nested right: what a formula bar would reject first. */
function wellFormed(formula: string): boolean {
  const open: string[] = [];
  const pairs: Record<string, string> = { ")": "(", "}": "{", "]": "[" };
  for (let i = 0; i < formula.length; i++) {
    const c = formula[i]!;
    if (c === '"' || c === "'") {
      const end = formula.indexOf(c, i + 1);
      if (end < 0) return false;
      // A doubled quote is an escaped one: keep reading the same literal.
      i = end;
      while (formula[i + 1] === c) {
        const next = formula.indexOf(c, i + 2);
        if (next < 0) return false;
        i = next;
      }
    } else if ("({[".includes(c)) open.push(c);
    else if (c in pairs && open.pop() !== pairs[c]) return false;
  }
  return open.length === 0;
}

const files = sample();
const skip = files.length === 0 && "no ../shared/corpus";

test("conduit docs on a sample of real connectors: every operation, a well-formed call or null", { skip }, async () => {
  assert.ok(files.length >= 35, `a sample of ${files.length}`);
  for (const file of files) {
    let json = "";
    let markdown = "";
    const io = (sink: (t: string) => void) => ({ cwd: process.cwd(), stdout: sink, stderr: () => undefined });
    assert.equal(await runDocs(["--spec", file, "--format", "json"], io((t) => void (json += t))), 0, file);
    assert.equal(await runDocs(["--spec", file], io((t) => void (markdown += t))), 0, file);
    const parsed = JSON.parse(json) as {
      connector: { dataSource: string };
      operations: { operationId: string; kind: string; powerFx: string | null; canvas: { callable: boolean; function?: string } }[];
    };
    assert.ok(markdown.startsWith("# "), file);
    for (const op of parsed.operations) {
      assert.equal(typeof op.operationId, "string", `${file}: operationId`);
      assert.ok("powerFx" in op, `${file} ${op.operationId}: powerFx`);
      if (op.kind === "trigger") assert.equal(op.powerFx, null, `${file} ${op.operationId}: a trigger has no call`);
      if (op.powerFx === null) continue;
      assert.ok(op.powerFx.includes(`.${op.canvas.function}(`), `${file} ${op.operationId}: ${op.powerFx}`);
      assert.match(op.canvas.function!, /^[A-Za-z_][A-Za-z0-9]*$/, `${file} ${op.operationId}`);
      assert.ok(wellFormed(op.powerFx), `${file} ${op.operationId}: ${op.powerFx}`);
    }
  }
});

test("the well-formedness check itself refuses what a formula bar would", () => {
  assert.equal(wellFormed('A.B("x", {y: [1, 2]})'), true);
  assert.equal(wellFormed('A.B("say ""hi""")'), true);
  assert.equal(wellFormed('A.B("x", {y: [1, 2})'), false);
  assert.equal(wellFormed('A.B("x)'), false);
});
