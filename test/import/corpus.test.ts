/**
 * Measured on every real connector in ../shared/corpus: import, then bundle, gives back the original (after
 * normalising the host), and the handler stubs generated on import compile. One import per connector serves
 * all three checks; the compile check is one tsc program.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fixedEnvironment } from "../../scripts/bundle/environment.js";
import { differences, formatJsonPath, isJsonObject, stringifyJson, type JsonValue } from "../../scripts/bundle/ordered.js";
import { buildConnectorPackage } from "../../scripts/bundle/package.js";
import { importConnector } from "../../scripts/import/import.js";
import { readConnectorJson } from "../../scripts/import/read-json.js";
import { projectLayout } from "../../scripts/project.js";
import { typecheck } from "../generate/typecheck.js";
import { CORPUS, SHARED } from "../bundle/power-platform.js";
import { UserError } from "../../scripts/diagnostics.js";

const ROUND_TRIP_HOST = "roundtrip.example.net";

interface Outcome {
  readonly name: string;
  readonly root: string;
  readonly operations: number;
  readonly definitionDifferences: string[];
  readonly propertiesDifferences: string[];
  readonly sameKeyOrder: boolean;
  /** Imported values (secrets included) still written somewhere in spec/apiProperties.yaml. */
  readonly leakedValues: string[];
  readonly placeholders: number;
  readonly secrets: number;
  readonly error: string | undefined;
}

const connectors = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((name) => existsSync(path.join(CORPUS, name, "apiDefinition.swagger.json")))
      .sort()
  : [];

describe(`the ${connectors.length} corpus connectors, imported and bundled again`, () => {
  let base = "";
  const outcomes: Outcome[] = [];
  let importMs = 0;
  let bundleMs = 0;

  before(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), "conduit-import-corpus-"));
    for (const name of connectors) outcomes.push(await roundTrip(name));
  });
  after(async () => {
    await rm(base, { recursive: true, force: true });
  });

  async function roundTrip(name: string): Promise<Outcome> {
    const root = path.join(base, name);
    const definitionFile = path.join(CORPUS, name, "apiDefinition.swagger.json");
    const propertiesFile = path.join(CORPUS, name, "apiProperties.json");
    try {
      const started = performance.now();
      const imported = await importConnector({ definition: definitionFile, root, runtime: path.resolve("src", "runtime") });
      const importedAt = performance.now();
      const values = Object.fromEntries(imported.values.map((v) => [v.name, v.value]));
      values["CONDUIT_HOST"] = ROUND_TRIP_HOST;
      // The connector's own values, stand-ins included (some ship `<Please add your clientID here>`): a round trip, not an upload.
      const pkg = await buildConnectorPackage({ layout: projectLayout(root), environment: fixedEnvironment(values), includeSecrets: true, allowExampleValues: true });
      importMs += importedAt - started;
      bundleMs += performance.now() - importedAt;

      const original = (await readConnectorJson(definitionFile, name)).value;
      if (isJsonObject(original) && original.has("host")) original.set("host", ROUND_TRIP_HOST);
      const originalProperties = (await readConnectorJson(propertiesFile, name)).value;
      // What the file says, less its comments and placeholders (which name the values, not hold them).
      const yaml = (await readFile(imported.propertiesFile, "utf8")).replace(/^\s*#.*$/gm, "").replace(/\$\{[A-Z0-9_]+\}/g, "");
      return {
        name,
        root,
        operations: imported.operations,
        definitionDifferences: differences(original, pkg.definition, [], 10).map(formatJsonPath),
        propertiesDifferences: differences(originalProperties, pkg.properties, [], 10).map(formatJsonPath),
        sameKeyOrder: sameText(original, pkg.definition) && sameText(originalProperties, pkg.properties),
        placeholders: imported.values.length,
        secrets: imported.values.filter((v) => v.secret).length,
        leakedValues: imported.values.filter((v) => v.name !== "CONDUIT_HOST" && v.value.length >= 8 && yaml.includes(v.value)).map((v) => v.name),
        error: undefined,
      };
    } catch (error) {
      const detail = error instanceof Error ? `${error.message} ${JSON.stringify((error as { diagnostics?: unknown }).diagnostics ?? "")}` : String(error);
      return { name, root, operations: 0, definitionDifferences: [], propertiesDifferences: [], sameKeyOrder: false, leakedValues: [], placeholders: 0, secrets: 0, error: detail };
    }
  }

  test("the corpus is there", () => {
    assert.ok(connectors.length >= 50, `expected the shared corpus at ${CORPUS}`);
  });

  test("every connector imports and bundles", (t) => {
    const failed = outcomes.filter((o) => o.error !== undefined).map((o) => `${o.name}: ${o.error}`);
    t.diagnostic(`imported ${outcomes.length - failed.length}/${outcomes.length} connectors, ${outcomes.reduce((n, o) => n + o.operations, 0)} operations; import (with generate) ${(importMs / 1000).toFixed(1)} s, bundle ${(bundleMs / 1000).toFixed(1)} s`);
    assert.deepEqual(failed, []);
  });

  test("each definition comes back equal to the original, host normalised", (t) => {
    const differing = outcomes.filter((o) => o.definitionDifferences.length > 0).map((o) => `${o.name}: ${o.definitionDifferences.join(", ")}`);
    t.diagnostic(`definitions equal: ${outcomes.length - differing.length}/${outcomes.length}`);
    assert.deepEqual(differing, []);
  });

  test("each apiProperties.json comes back equal, its placeholders filled with the imported values", (t) => {
    const differing = outcomes.filter((o) => o.propertiesDifferences.length > 0).map((o) => `${o.name}: ${o.propertiesDifferences.join(", ")}`);
    const placeholders = outcomes.reduce((n, o) => n + o.placeholders, 0);
    const secrets = outcomes.reduce((n, o) => n + o.secrets, 0);
    t.diagnostic(`properties equal: ${outcomes.length - differing.length}/${outcomes.length}; ${placeholders} placeholders (${secrets} secrets) in ${outcomes.filter((o) => o.placeholders > 0).length} connectors`);
    assert.deepEqual(differing, []);
    assert.deepEqual(outcomes.filter((o) => o.leakedValues.length > 0).map((o) => `${o.name}: ${o.leakedValues.join(", ")}`), [], "no imported value stays in spec/apiProperties.yaml");
  });

  test("key order survives the trip through YAML", (t) => {
    const reordered = outcomes.filter((o) => o.error === undefined && !o.sameKeyOrder).map((o) => o.name);
    t.diagnostic(`same key order: ${outcomes.length - reordered.length}/${outcomes.length}`);
    assert.deepEqual(reordered, []);
  });

  test("the handler stubs generated on import compile under strict, in one tsc program", (t) => {
    const roots = outcomes.filter((o) => o.error === undefined).map((o) => path.join(o.root, "generated", "registrations.ts"));
    const started = performance.now();
    const result = typecheck(roots);
    t.diagnostic(`tsc --noEmit (strict) over ${roots.length} imported projects: ${result.errors.length} errors in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    assert.deepEqual(result.errors.slice(0, 20), []);
  });
});

function sameText(a: JsonValue, b: JsonValue): boolean {
  return stringifyJson(a) === stringifyJson(b);
}

/**
 * A sample of the 400-odd connectors in ../shared/corpus-wide (every fifth, plus every one whose text holds `${`,
 * which must come back as text, not as a placeholder): import → bundle gives each accepted one back unchanged.
 * Import refuses a few exports outright (duplicate keys, broken JSON); those must be refusals with a place.
 */
const WIDE = path.join(SHARED, "corpus-wide");
const wide = existsSync(WIDE)
  ? readdirSync(WIDE)
      .filter((name) => existsSync(path.join(WIDE, name, "apiDefinition.swagger.json")))
      .sort()
      .filter((name, i) => i % 5 === 0 || holdsDollarBrace(path.join(WIDE, name)))
  : [];

function holdsDollarBrace(folder: string): boolean {
  return ["apiDefinition.swagger.json", "apiProperties.json"].some((file) => existsSync(path.join(folder, file)) && readFileSync(path.join(folder, file), "utf8").includes("${"));
}

describe(`a sample of ${wide.length} corpus-wide connectors, imported and bundled again`, { skip: wide.length === 0 && "no ../shared/corpus-wide" }, () => {
  test("each one import accepts comes back unchanged; each one it refuses is refused at a place", async (t) => {
    const base = await mkdtemp(path.join(os.tmpdir(), "conduit-import-wide-"));
    const differing: string[] = [];
    const refused: string[] = [];
    try {
      for (const name of wide) {
        const root = path.join(base, name);
        const definitionFile = path.join(WIDE, name, "apiDefinition.swagger.json");
        const propertiesFile = path.join(WIDE, name, "apiProperties.json");
        let imported;
        try {
          imported = await importConnector({ definition: definitionFile, root, generate: false });
        } catch (error) {
          assert.ok(error instanceof UserError && error.diagnostics.length > 0, `${name}: ${String(error)}`);
          refused.push(name);
          continue;
        }
        const values = Object.fromEntries(imported.values.map((v) => [v.name, v.value]));
        values["CONDUIT_HOST"] = ROUND_TRIP_HOST;
        try {
          // The connector's own values, stand-ins included (some ship `<Please add your clientID here>`): a round trip, not an upload.
          const pkg = await buildConnectorPackage({ layout: projectLayout(root), environment: fixedEnvironment(values), includeSecrets: true, allowExampleValues: true });
          const original = (await readConnectorJson(definitionFile, name)).value;
          if (isJsonObject(original) && original.has("host")) original.set("host", ROUND_TRIP_HOST);
          const found = differences(original, pkg.definition, [], 5).map(formatJsonPath);
          if (existsSync(propertiesFile)) found.push(...differences((await readConnectorJson(propertiesFile, name)).value, pkg.properties, [], 5).map(formatJsonPath));
          if (found.length > 0) differing.push(`${name}: ${found.join(", ")}`);
        } catch (error) {
          differing.push(`${name}: bundle failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        await rm(root, { recursive: true, force: true });
      }
    } finally {
      await rm(base, { recursive: true, force: true });
    }
    t.diagnostic(`${wide.length - refused.length - differing.length}/${wide.length - refused.length} accepted connectors came back unchanged; import refused ${refused.length} (${refused.join(", ") || "none"})`);
    assert.deepEqual(differing, []);
    assert.ok(wide.length - refused.length >= 70, "most of the sample is accepted");
  });
});
