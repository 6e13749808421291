/** `conduit import --replace-sample` on a project of its own: which sample files go, which stay and are named. */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { refreshSampleManifest, replaceSample, SAMPLE_MANIFEST } from "../../scripts/import/sample.js";

async function project(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "conduit-sample-"));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  await writeFile(path.join(root, SAMPLE_MANIFEST), JSON.stringify({ files: {} }));
  await refreshSampleManifest(root, Object.keys(files));
  return root;
}

test("unchanged sample files go (and the folders they leave empty); changed ones stay, named, still in the manifest", async () => {
  const root = await project({
    "src/handlers/GetThing.ts": "export const a = 1;\n",
    "src/events/things.ts": "export const b = 2;\n",
    "test/things.test.ts": "export const c = 3;\n",
    "spec/icon.png": "PNG",
  });
  try {
    await writeFile(path.join(root, "src", "handlers", "GetThing.ts"), "export const a = 2; // mine now\n");
    await writeFile(path.join(root, "src", "handlers", "Other.ts"), "export {};\n");
    const result = await replaceSample(root);
    assert.deepEqual([...result.removed].sort(), ["src/events/things.ts", "test/things.test.ts"]);
    assert.deepEqual(result.kept, ["src/handlers/GetThing.ts"]);
    assert.equal(result.sampleIcon, true);
    assert.equal(existsSync(path.join(root, "src", "events")), false, "an emptied folder goes");
    assert.equal(existsSync(path.join(root, "src", "handlers", "Other.ts")), true, "a file the sample does not list stays");
    const left = JSON.parse(await readFile(path.join(root, SAMPLE_MANIFEST), "utf8")) as { files: Record<string, string> };
    assert.deepEqual(Object.keys(left.files).sort(), ["spec/icon.png", "src/handlers/GetThing.ts"]);

    await writeFile(path.join(root, "spec", "icon.png"), "OURS");
    await rm(path.join(root, "src", "handlers", "GetThing.ts"));
    const again = await replaceSample(root);
    assert.deepEqual(again, { removed: [], kept: [], sampleIcon: false });
    assert.equal(existsSync(path.join(root, SAMPLE_MANIFEST)), false, "nothing of the sample left: no manifest");
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test("without a manifest nothing is removed", async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), "conduit-sample-"));
  try {
    assert.deepEqual(await replaceSample(root), { removed: [], kept: [], sampleIcon: false });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
