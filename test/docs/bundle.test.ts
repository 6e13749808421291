// conduit bundle writes ACTIONS.md beside UPLOAD.md: the reference conduit docs prints, from the definition exactly
// as the package holds it (external $refs inlined, the environment's host).
import assert from "node:assert/strict";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { loadEnvironment } from "../../scripts/bundle/environment.js";
import { buildConnectorPackage } from "../../scripts/bundle/package.js";
import { referenceMarkdown } from "../../scripts/docs/docs.js";
import { projectLayout } from "../../scripts/project.js";

const FIXTURES = path.resolve(process.cwd(), "test/docs/fixtures");

test("the package's ACTIONS.md is conduit docs on the package's own definition", async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), "conduit-docs-bundle-"));
  try {
    await mkdir(path.join(root, "spec"));
    await copyFile(path.join(FIXTURES, "parts.swagger.yaml"), path.join(root, "spec", "apiDefinition.swagger.yaml"));
    await copyFile(path.join(FIXTURES, "parts.definitions.yaml"), path.join(root, "spec", "parts.definitions.yaml"));
    await writeFile(path.join(root, "spec", "apiProperties.yaml"), 'properties:\n  iconBrandColor: "#0f6cbd"\n  capabilities: []\n');
    const pkg = await buildConnectorPackage({ layout: projectLayout(root), environment: await loadEnvironment(root, undefined), includeSecrets: false });
    const text = (name: string) => {
      const file = pkg.files.find((f) => f.name === name);
      assert.ok(file && typeof file.content === "string", name);
      return file.content as string;
    };
    const actions = text("ACTIONS.md");
    assert.equal(actions, await referenceMarkdown("apiDefinition.swagger.json", text("apiDefinition.swagger.json")));
    assert.match(actions, /^# Parts Catalog: actions for makers/);
    assert.ok(actions.includes('PartsCatalog.CreatePart("cat-1", "Hex bolt M8", {catalogId_1: "cat-2", size: {width: 8}})'), "the body schema from the other file, inlined");
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
