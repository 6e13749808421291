import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, test } from "node:test";
import { promisify } from "node:util";
import { stringify } from "yaml";
import { apiPropertiesFile, listWidgets, swagger } from "../../scripts/lint/rule-cases.js";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";
import { lint } from "./run-lint.js";
import { temporaryFolder } from "../helpers/temp.js";

// .spectral.yaml is a Spectral ruleset like any other: the stock Spectral CLI (the binary of
// @stoplight/spectral-cli, which loads the compiled dist/scripts/lint/ruleset.js) must find exactly what
// `conduit lint` finds with its default options, finding for finding (rule, path, severity). The files live
// outside the project, so conduit's project-only rule (the host.json route prefix) stays out of it.
const SPECTRAL = createRequire(import.meta.url).resolve("@stoplight/spectral-cli/dist/index.js");
const ROOT = process.cwd();

interface Finding {
  code: string;
  path: (string | number)[];
  severity: number;
  source?: string;
}

async function stockCli(files: readonly string[]): Promise<Finding[]> {
  // Exit 1 when it finds errors: the findings are on stdout either way.
  const run = await promisify(execFile)(process.execPath, [SPECTRAL, "lint", "--ruleset", path.join(ROOT, ".spectral.yaml"), "--format", "json", "--quiet", ...files], { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 }).catch(
    (error: { stdout?: string; stderr?: string; code?: number }) => {
      if (error.code === 1 && error.stdout) return { stdout: error.stdout, stderr: error.stderr ?? "" };
      throw new Error(`spectral lint failed (${String(error.code)}): ${error.stderr ?? ""}${error.stdout ?? ""}`);
    },
  );
  return JSON.parse(run.stdout) as Finding[];
}

async function conduitLint(files: readonly string[]): Promise<Finding[]> {
  const run = await lint("--format", "json", ...files);
  assert.notEqual(run.code, 2, run.stdout);
  return JSON.parse(run.stdout) as Finding[];
}

function keys(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${path.basename(f.source ?? "")} ${f.code} ${f.severity} ${f.path.map(String).join("/")}`).sort();
}

async function fixtures(files: Record<string, string>): Promise<string[]> {
  const dir = temporaryFolder("conduit-stock-cli-");
  return Promise.all(
    Object.entries(files).map(async ([name, text]) => {
      await writeFile(path.join(dir, name), text);
      return path.join(dir, name);
    }),
  );
}

const operation = (extra: Record<string, unknown>) => listWidgets(extra);

/** A definition with something for most kinds of rule: errors, warnings and infos, Spectral's and conduit's. */
const BROKEN = swagger({
  tags: [{ name: "Widgets" }],
  paths: {
    "/widgets": {
      get: operation({
        tags: ["Gadgets"],
        parameters: [
          { name: "top", in: "query", type: "integer", default: "50", example: 5 },
          { name: "apiVersion", in: "query", type: "string", required: true, "x-ms-visibility": "internal" },
          { name: "filter", in: "body", schema: { type: "object" } },
        ],
      }),
    },
    "/widgets/": { post: operation({ operationId: "Subscribe", "x-ms-trigger": "polling", responses: {} }) },
    "/widgets/{id}": { get: operation({ operationId: "Get-Widget", parameters: [{ name: "id", in: "path", required: true, type: "int" }] }) },
  },
  definitions: { Widget: { type: "object", properties: { size: { type: "integer", pattern: "\\_x" } } } },
});

const BROKEN_PROPERTIES = apiPropertiesFile({
  connectionParameters: {
    token: { type: "oauthSetting", oAuthSettings: { identityProvider: "oauth2", customParameters: { TokenUrl: { value: "https://x" } } } },
    other: { type: "oauthSetting", oAuthSettings: { identityProvider: "okta" } },
    key: { type: "securestring", uiDefinition: { constraints: { required: true } } },
  },
});

describe("the stock Spectral CLI with .spectral.yaml finds what conduit lint finds", { timeout: 180_000 }, () => {
  test("the sample (the tool's frozen copy, outside the project)", async () => {
    const dir = temporaryFolder("conduit-stock-cli-");
    const files = ["apiDefinition.swagger.yaml", "apiProperties.yaml"].map((name) => path.join(dir, name));
    await Promise.all(files.map((file) => copyFile(path.join(SAMPLE_FIXTURE, path.basename(file)), file)));
    const [stock, ours] = await Promise.all([stockCli(files), conduitLint(files)]);
    assert.deepEqual(keys(stock), keys(ours));
  });

  test("broken specs: errors, warnings and infos, finding for finding", async () => {
    const files = await fixtures({
      "broken.json": JSON.stringify(BROKEN, null, 2),
      "broken.yaml": stringify(BROKEN, { aliasDuplicateObjects: false }),
      "properties.json": JSON.stringify(BROKEN_PROPERTIES, null, 2),
      // A duplicate key: a warning in both, through .spectral.yaml's parserOptions.
      "duplicate.json": JSON.stringify(swagger(), null, 2).replace('"basePath": "/api",', '"basePath": "/api",\n  "basePath": "/v2",'),
      "openapi3.yaml": "openapi: 3.0.3\ninfo:\n  title: Widgets\n  version: '1'\npaths: {}\n",
    });
    const [stock, ours] = await Promise.all([stockCli(files), conduitLint(files)]);
    assert.deepEqual(keys(stock), keys(ours));
    // The comparison means something only if both found the interesting cases.
    const codes = new Set(ours.map((f) => `${f.code} ${f.severity}`));
    for (const expected of ["pp-oas2-schema 0", "pp-trigger-kind 0", "pp-internal-required 0", "pp-value-bounds 0", "pp-oauth-settings 0", "pp-openapi-version 0", "pp-fetch-body 1", "pp-default-value-string 1", "pp-path-overlap 1", "pp-parameter-example 1", "pp-operation-responses 1", "pp-properties-constraints 1", "pp-oauth-custom-parameters 1", "parser 1", "operation-tag-defined 2"]) {
      assert.ok(codes.has(expected), `conduit lint found no ${expected}: ${[...codes].sort().join(", ")}`);
    }
  });
});
