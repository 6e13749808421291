/**
 * The tool (scripts/) never imports the sample's code: a team that replaces the sample (`conduit import
 * --replace-sample` removes the files conduit.sample.json lists) must keep a tool that compiles. Development data
 * reaches serve through the src/seed.ts hook, loaded only if it was built.
 */
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { readSampleManifest } from "../../scripts/import/sample.js";
import { seedDevelopmentData } from "../../scripts/serve/seed.js";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";

const PROJECT = process.cwd();
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

test("no module of scripts/ imports a file of the sample (conduit.sample.json)", async (t) => {
  const manifest = await readSampleManifest(PROJECT);
  if (manifest === undefined) return t.skip("no conduit.sample.json: the sample is gone");
  const sample = new Set(Object.keys(manifest.files));
  const scripts = (await readdir(path.join(PROJECT, "scripts"), { recursive: true })).filter((f) => f.endsWith(".ts"));
  assert.ok(scripts.length > 100, "the tool's modules are found");
  const offences: string[] = [];
  for (const file of scripts) {
    const absolute = path.join(PROJECT, "scripts", file);
    const text = await readFile(absolute, "utf8");
    for (const [, specifier] of text.matchAll(SPECIFIER)) {
      const target = path.relative(PROJECT, path.resolve(path.dirname(absolute), specifier!)).split(path.sep).join("/").replace(/\.js$/, ".ts");
      if (sample.has(target)) offences.push(`scripts/${file} imports ${target}`);
    }
  }
  assert.deepEqual(offences, [], "the tool must not depend on the sample: give it a hook the sample fills (as src/seed.ts)");
});

test("the import finder sees what the sample's old seed import looked like", () => {
  const line = `import { hasTechnicians } from "../../src/storage/technicians.js";`;
  assert.deepEqual([...line.matchAll(SPECIFIER)].map((m) => m[1]), ["../../src/storage/technicians.js"]);
});

test("serve's seed hook: nothing without src/seed.js; with it, seedDevelopment gets the parsed spec and its line is printed", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "conduit-seed-hook-"));
  try {
    const entry = path.join(dir, "index.js");
    await writeFile(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
    const spec = path.join(SAMPLE_FIXTURE, "apiDefinition.swagger.yaml");
    assert.equal(await seedDevelopmentData(entry, spec), undefined);
    await writeFile(path.join(dir, "seed.js"), "export async function seedDevelopment(spec) { return `seeded from ${spec.info.title}`; }\n");
    assert.equal(await seedDevelopmentData(entry, spec), "seeded from Field Service Work Orders");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
