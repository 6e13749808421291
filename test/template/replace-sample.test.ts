/**
 * A team that adopts conduit imports its own connector over the sample: after `conduit import --replace-sample`
 * and generate, the whole project (tool, app, tests) must compile, with none of the sample's code left behind.
 * Run on a copy of this project while spec/ is still the sample's (conduit.sample.json); once a team's spec
 * replaced it there is no sample to replace, and the test says so and skips.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { importConnector } from "../../scripts/import/import.js";
import { readSampleManifest, SAMPLE_MANIFEST, SAMPLE_SPEC_FILES, specIsSample } from "../../scripts/import/sample.js";
import { CORPUS } from "../bundle/power-platform.js";

const PROJECT = process.cwd();
/** A real connector without an icon: the sample's icon stays, and import says to replace it. */
const CONNECTOR = path.join(CORPUS, "certified-connectors_DocuWare", "apiDefinition.swagger.json");
/** What a clone has that the project's sources are not. */
const NOT_COPIED = new Set(["node_modules", "dist", ".git", ".conduit", ".azurite", "local.settings.json"]);

async function skipReason(): Promise<string | undefined> {
  const manifest = await readSampleManifest(PROJECT);
  if (manifest === undefined) return `no ${SAMPLE_MANIFEST}: the sample is gone already`;
  if (!(await specIsSample(PROJECT, manifest))) return "spec/ is not the sample's any more (your connector replaced it)";
  if (!existsSync(CONNECTOR)) return `no ${CONNECTOR}`;
  return undefined;
}

function typeErrors(root: string): string[] {
  const config = ts.readConfigFile(path.join(root, "tsconfig.json"), (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const { tsBuildInfoFile: _buildInfo, incremental: _incremental, ...options } = parsed.options;
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...options, noEmit: true } });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
    if (!d.file || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(root, d.file.fileName)}(${line + 1},${character + 1}): ${message}`;
  });
}

test("import --replace-sample of a real connector, then generate: the project compiles, the sample is gone", async (t) => {
  const reason = await skipReason();
  if (reason !== undefined) return t.skip(reason);
  const manifest = (await readSampleManifest(PROJECT))!;
  const root = await mkdtemp(path.join(os.tmpdir(), "conduit-replace-sample-"));
  try {
    await cp(PROJECT, root, { recursive: true, filter: (file) => !NOT_COPIED.has(path.basename(file)) || path.dirname(file) !== PROJECT });
    await symlink(path.join(PROJECT, "node_modules"), path.join(root, "node_modules"), "dir");
    const icon = await readFile(path.join(root, "spec", "icon.png"));

    // No --force: the sample's own spec files are what --replace-sample replaces.
    const result = await importConnector({ definition: CONNECTOR, root, replaceSample: true });
    const sampleCode = Object.keys(manifest.files).filter((f) => !(SAMPLE_SPEC_FILES as readonly string[]).includes(f));
    assert.deepEqual(
      result.sample?.kept,
      [],
      `these sample files differ from ${SAMPLE_MANIFEST}: if you maintain conduit's sample, record them with \`node dist/scripts/import/sample-manifest.js\`; if they are yours now, delete ${SAMPLE_MANIFEST}: the sample is no longer one piece to replace (this test then skips)`,
    );
    assert.deepEqual([...(result.sample?.removed ?? [])].sort(), sampleCode.sort());
    for (const file of sampleCode) assert.equal(existsSync(path.join(root, file)), false, `${file} is removed`);
    assert.ok((result.generated?.stubs.length ?? 0) > 0, "stubs for the connector's operations");
    assert.equal(result.sampleIcon, true, "the connector has no icon: the sample's stays, and import says so");
    assert.deepEqual(await readFile(path.join(root, "spec", "icon.png")), icon);

    const errors = typeErrors(root);
    assert.deepEqual(errors.slice(0, 20), [], `${errors.length} type errors after the import`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
