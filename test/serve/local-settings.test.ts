import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { UserError } from "../../scripts/diagnostics.js";
import { applyToEnvironment, FUNCTION_KEY_SETTING, loadLocalSettings } from "../../scripts/serve/local-settings.js";

async function inTemp<T>(run: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "conduit-settings-"));
  try {
    return await run(path.join(dir, "local.settings.json"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("local.settings.json", () => {
  test("made on first run as func init would, with a random key readable only by its owner; kept after", () =>
    inTemp(async (file) => {
      const first = await loadLocalSettings(file);
      assert.equal(first.created, true);
      assert.equal(first.values["AzureWebJobsStorage"], "UseDevelopmentStorage=true");
      assert.equal(first.values["FUNCTIONS_WORKER_RUNTIME"], "node");
      const key = first.values[FUNCTION_KEY_SETTING] ?? "";
      assert.match(key, /^[A-Za-z0-9_-]{40}$/);
      assert.equal((await stat(file)).mode & 0o777, 0o600);
      const written = JSON.parse(await readFile(file, "utf8")) as { IsEncrypted: boolean; Values: Record<string, string> };
      assert.equal(written.IsEncrypted, false);

      const second = await loadLocalSettings(file);
      assert.equal(second.created, false);
      assert.equal(second.values[FUNCTION_KEY_SETTING], key);
      assert.notEqual((await inTemp(loadLocalSettings)).values[FUNCTION_KEY_SETTING], key, "each project its own key");
    }));

  test("a BOM, and numbers or booleans as values, are read as func reads them", () =>
    inTemp(async (file) => {
      await writeFile(file, `\ufeff${JSON.stringify({ Values: { [FUNCTION_KEY_SETTING]: "k", CONDUIT_MAX_BODY_BYTES: 2048, FLAG: true } })}`);
      const settings = await loadLocalSettings(file);
      assert.deepEqual(settings.values, { [FUNCTION_KEY_SETTING]: "k", CONDUIT_MAX_BODY_BYTES: "2048", FLAG: "true" });
    }));

  test("broken files are the user's to fix, said plainly", () =>
    inTemp(async (file) => {
      const at = (error: unknown): string => (error instanceof UserError && error.diagnostics[0] ? `${error.diagnostics[0].range.start.line + 1}:${error.diagnostics[0].range.start.character + 1} ${error.diagnostics[0].message}` : "");
      await writeFile(file, "{ Values: }");
      await assert.rejects(loadLocalSettings(file), (error: unknown) => error instanceof UserError && /is not valid JSON; fix it, or delete it to have a new one made/.test(error.message) && /^1:3 /.test(at(error)));
      await writeFile(file, JSON.stringify({ Values: [] }));
      await assert.rejects(loadLocalSettings(file), /"Values" must be an object of app settings/);
      await writeFile(file, `{\n  "Values": {\n    "${FUNCTION_KEY_SETTING}": "k",\n    "NESTED": {}\n  }\n}\n`);
      await assert.rejects(loadLocalSettings(file), (error: unknown) => /the setting NESTED is an object; an app setting is a string/.test((error as Error).message) && at(error) === '4:15 Give NESTED a string value, e.g. "NESTED": "…".');
      await writeFile(file, `{ "Values": { "${FUNCTION_KEY_SETTING}": "k", } }`);
      await assert.rejects(loadLocalSettings(file), (error: unknown) => /a trailing comma, which the Functions host refuses/.test((error as Error).message) && /^1:\d+ Remove this comma\.$/.test(at(error)));
      await writeFile(file, JSON.stringify({ IsEncrypted: false }));
      await assert.rejects(loadLocalSettings(file), /no "Values" object: the app settings go there/);
      await writeFile(file, JSON.stringify({ Values: { AzureWebJobsStorage: "UseDevelopmentStorage=true" } }));
      await assert.rejects(loadLocalSettings(file), new RegExp(`has no ${FUNCTION_KEY_SETTING} in "Values"`));
    }));

  test("values become environment variables without overriding what is already set, like func start", () => {
    const env: NodeJS.ProcessEnv = { AzureWebJobsStorage: "from the shell" };
    applyToEnvironment({ AzureWebJobsStorage: "from the file", OTHER: "x" }, env);
    assert.deepEqual(env, { AzureWebJobsStorage: "from the shell", OTHER: "x" });
  });
});
