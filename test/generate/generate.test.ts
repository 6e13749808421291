import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { UserError } from "../../scripts/diagnostics.js";
import { generate } from "../../scripts/generate/generate.js";
import { GENERATED_HEADER } from "../../scripts/generate/print.js";
import { createSampleProject, type SampleProject } from "./sample-project.js";

const GENERATED_FILES = ["handlers.ts", "operations.ts", "registrations.ts", "types.ts", "validators.ts", "webhooks.ts"];
const OPERATIONS = ["CreateWorkOrder", "DeleteWorkOrder", "GetWorkOrder", "ListTechnicians", "ListWorkOrders", "UpdateWorkOrder"];
/** Each operation's validators module, loaded on its first call. */
const VALIDATOR_MODULES = OPERATIONS.map((name) => `validators/${name}.cts`);
const cli = fileURLToPath(new URL("../../scripts/cli.js", import.meta.url));

/** Runs the real CLI in `cwd`, as `npm run generate -- ...` would. */
function runCli(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const script = `const { main } = await import(${JSON.stringify(new URL(`file://${cli}`).href)}); process.exitCode = await main(process.argv.slice(1));`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script, ...args], { cwd, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function snapshot(dir: string): Promise<Map<string, { text: string; mtimeMs: number }>> {
  const out = new Map<string, { text: string; mtimeMs: number }>();
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const file = path.join(dir, name);
    if ((await stat(file)).isDirectory()) continue;
    out.set(name, { text: await readFile(file, "utf8"), mtimeMs: (await stat(file)).mtimeMs });
  }
  return out;
}

describe("conduit generate", () => {
  let project: SampleProject;
  const options = () => ({ root: project.root, runtime: project.runtime });

  before(async () => {
    project = await createSampleProject();
  });
  after(async () => {
    await project.remove();
  });

  test("writes the six generated files, each with the header, and one stub per operation", async () => {
    const result = await generate(options());
    assert.equal(result.operations, 6);
    const relative = (file: string) => path.relative(project.generated, file).split(path.sep).join("/");
    assert.deepEqual(result.files.map((f) => [relative(f.file), f.status]), [...GENERATED_FILES, ...VALIDATOR_MODULES].sort().map((f) => [f, "written"]));
    assert.deepEqual((await readdir(project.generated, { recursive: true })).map((f) => f.split(path.sep).join("/")).sort(), [...GENERATED_FILES, "validators", ...VALIDATOR_MODULES].sort());
    for (const name of [...GENERATED_FILES, ...VALIDATOR_MODULES]) {
      const text = await readFile(path.join(project.generated, name), "utf8");
      assert.ok(text.startsWith(GENERATED_HEADER), `${name} starts with the header`);
      assert.ok(!text.includes(project.root), `${name} holds no absolute path`);
    }
    assert.deepEqual(
      result.stubs.map((s) => path.basename(s)),
      ["CreateWorkOrder.ts", "DeleteWorkOrder.ts", "GetWorkOrder.ts", "ListTechnicians.ts", "ListWorkOrders.ts", "UpdateWorkOrder.ts"],
    );
    const stub = await readFile(path.join(project.handlers, "GetWorkOrder.ts"), "utf8");
    assert.match(stub, /import type \{ GetWorkOrderHandler \} from "\.\.\/\.\.\/generated\/handlers\.js";/);
    assert.match(stub, /notImplemented\("GetWorkOrder"\)/);
    assert.match(stub, /request\.path: workOrderId/);
  });

  test("regenerating writes nothing: same bytes, same mtimes", async () => {
    const first = await snapshot(project.generated);
    await sleep(30); // so that a rewrite, if any, would show in the mtime
    const result = await generate(options());
    assert.ok(result.files.every((f) => f.status === "unchanged"));
    assert.deepEqual(result.stubs, []);
    assert.deepEqual(await snapshot(project.generated), first);
  });

  test("a handler the user changed survives regeneration", async () => {
    const file = path.join(project.handlers, "GetWorkOrder.ts");
    const mine = "// mine\nexport const handler = async () => ({ status: 404 as const });\n";
    await writeFile(file, mine);
    await generate(options());
    assert.equal(await readFile(file, "utf8"), mine);
  });

  test("a deleted handler gets its stub back, and only that one", async () => {
    const file = path.join(project.handlers, "ListTechnicians.ts");
    await writeFile(file, "");
    const { rm } = await import("node:fs/promises");
    await rm(file);
    const result = await generate(options());
    assert.deepEqual(result.stubs, [file]);
  });

  test("the temporary files of a generate that was killed are removed by the next one; those of one still running are not", async () => {
    await generate(options());
    const gone = spawnSync(process.execPath, ["-e", ""]).pid; // a process that has ended: what a killed run leaves
    const leftovers = [`types.ts.${gone}-0123456789ab.tmp`, "operations.ts.0123456789ab.tmp", `validators/GetWorkOrder.cts.${gone}-ba9876543210.tmp`];
    const running = `types.ts.${process.ppid}-aaaaaaaaaaaa.tmp`;
    for (const name of [...leftovers, running]) await writeFile(path.join(project.generated, name), "half-written");
    const result = await generate(options());
    assert.ok(result.files.every((f) => f.status === "unchanged"), "the generated files themselves are untouched");
    const names = (await readdir(project.generated, { recursive: true })).map((f) => f.split(path.sep).join("/"));
    for (const name of leftovers) assert.ok(!names.includes(name), `${name} is removed`);
    assert.ok(names.includes(running), "a running generate's temporary stays");
    await (await import("node:fs/promises")).rm(path.join(project.generated, running));
  });

  test("--check passes when up to date, and on a changed spec fails naming each stale, missing or extra file", async () => {
    // The CLI resolves every path from the project root (src/runtime included), as in a real project.
    assert.equal(runCli(project.root, ["generate"]).status, 0);
    const upToDate = runCli(project.root, ["generate", "--check"]);
    assert.equal(upToDate.status, 0, upToDate.stderr);
    assert.match(upToDate.stdout, /up to date/);

    const before = await snapshot(project.generated);
    const spec = await readFile(project.spec, "utf8");
    await writeFile(project.spec, spec.replace("summary: Get a work order", "summary: Fetch a work order").replace("maxLength: 120", "maxLength: 100"));
    await writeFile(path.join(project.generated, "old.ts"), `${GENERATED_HEADER}export {};\n`);
    await writeFile(path.join(project.generated, "validators", "Gone.cts"), `${GENERATED_HEADER}"use strict";\n`);
    await (await import("node:fs/promises")).rm(path.join(project.generated, "registrations.ts"));

    const stale = runCli(project.root, ["generate", "--check"]);
    assert.equal(stale.status, 1);
    assert.match(stale.stderr, /stale +generated\/handlers\.ts/);
    // maxLength 120 is the work order title's: the modules of the operations that validate a work order change.
    assert.match(stale.stderr, /stale +generated\/validators\/CreateWorkOrder\.cts/);
    assert.match(stale.stderr, /extra +generated\/validators\/Gone\.cts/);
    assert.match(stale.stderr, /missing +generated\/registrations\.ts/);
    assert.match(stale.stderr, /extra +generated\/old\.ts/);
    assert.doesNotMatch(stale.stderr, /operations\.ts/);
    assert.match(stale.stderr, /npm run generate/);
    const after = await snapshot(project.generated);
    assert.deepEqual([...after.keys()], [...before.keys()].filter((k) => k !== "registrations.ts").concat("old.ts", path.join("validators", "Gone.cts")).sort());
    assert.equal(after.get("handlers.ts")?.text, before.get("handlers.ts")?.text, "--check writes nothing");

    const fixed = runCli(project.root, ["generate"]);
    assert.equal(fixed.status, 0, fixed.stderr);
    assert.match(fixed.stdout, /6 operations in \d+ ms/);
    assert.match(fixed.stdout, /written +generated\/handlers\.ts/);
    assert.match(fixed.stdout, /removed +generated\/old\.ts/);
    assert.match(fixed.stdout, /removed +generated\/validators\/Gone\.cts/);
    assert.equal(runCli(project.root, ["generate", "--check"]).status, 0);
  });
});

describe("conduit generate on a spec split over files", () => {
  test("references into other files are inlined as conduit bundle does", async () => {
    const project = await createSampleProject();
    try {
      const spec = await readFile(project.spec, "utf8");
      const split = spec.replace(/\n {2}Technician:\n(?: {4}.*\n)+/, "\n  Technician:\n    $ref: \"./technician.yaml\"\n");
      assert.notEqual(split, spec);
      await writeFile(project.spec, split);
      const technician = /\n {2}Technician:\n((?: {4}.*\n)+)/.exec(spec)![1]!.replace(/^ {4}/gm, "");
      await writeFile(path.join(project.root, "spec", "technician.yaml"), technician);
      const result = await generate({ root: project.root, runtime: project.runtime });
      assert.equal(result.operations, 6);
      const types = await readFile(path.join(project.generated, "types.ts"), "utf8");
      assert.match(types, /displayName: string;/);
    } finally {
      await project.remove();
    }
  });
});

describe("conduit generate on bad input", () => {
  let project: SampleProject;
  before(async () => {
    project = await createSampleProject();
  });
  after(async () => {
    await project.remove();
  });

  const cases: { name: string; text: string | undefined; message: RegExp; at?: [number, number] }[] = [
    { name: "missing spec", text: undefined, message: /cannot read .*nope\.yaml: no such file/ },
    { name: "YAML syntax error", text: 'swagger: "2.0"\npaths:\n  /a: [unclosed\n', message: /is not valid YAML or JSON/, at: [3, 7] },
    {
      name: "a reference to nothing",
      text: 'swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      responses:\n        "200": {description: ok, schema: {$ref: "#/definitions/Nope"}}\n',
      message: /1 reference cannot be resolved/,
      at: [7, 43],
    },
    { name: "OpenAPI 3", text: 'openapi: "3.0.0"\ninfo: {title: t, version: "1"}\npaths: {}\n', message: /not an OpenAPI 2\.0 definition: it is OpenAPI 3\.0\.0/ },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const spec = path.join(project.root, "spec", c.text === undefined ? "nope.yaml" : `${c.name.replace(/\W/g, "_")}.yaml`);
      if (c.text !== undefined) await writeFile(spec, c.text);
      await assert.rejects(generate({ root: project.root, spec, runtime: project.runtime }), (error: unknown) => {
        assert.ok(error instanceof UserError);
        assert.match(error.message, c.message);
        if (c.at) {
          const start = error.diagnostics[0]?.range.start;
          assert.deepEqual(start && [start.line + 1, start.character + 1], c.at);
          assert.equal(error.diagnostics[0]?.source, spec);
        }
        return true;
      });
      if (c.at) {
        // Through the CLI too (slow to start, so only where a position is printed).
        const cli = runCli(project.root, ["generate", "--spec", spec]);
        assert.equal(cli.status, 2);
        assert.doesNotMatch(cli.stderr, /\n\s+at /, "no stack trace for a user's mistake");
        // Named as the user would write it: relative to the project folder the command runs in.
        assert.ok(cli.stderr.includes(`${path.relative(project.root, spec)}:${c.at[0]}:${c.at[1]}`), cli.stderr);
      }
    });
  }
});
