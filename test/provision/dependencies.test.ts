import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

const CLI_ONLY = ["@azure/identity", "@microsoft/microsoft-graph-types"];

test("the sign-in and Graph packages stay out of the function app (cold start): dev dependencies, imported by no file of src/", async () => {
  const manifest = JSON.parse(await readFile("package.json", "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  for (const name of CLI_ONLY) {
    assert.equal(manifest.dependencies[name], undefined, `${name} is not a runtime dependency`);
    assert.match(manifest.devDependencies[name] ?? "", /^\d+\.\d+\.\d+$/, `${name} is a dev dependency pinned to an exact version`);
  }
  const sources = (await readdir("src", { recursive: true })).filter((file) => file.endsWith(".ts"));
  assert.ok(sources.length > 0);
  for (const file of sources) {
    const text = await readFile(path.join("src", file), "utf8");
    for (const name of CLI_ONLY) assert.ok(!text.includes(`"${name}`), `src/${file} imports ${name}`);
  }
});
