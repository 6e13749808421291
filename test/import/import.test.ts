import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { parseDocument } from "yaml";
import { UserError } from "../../scripts/diagnostics.js";
import { fixedEnvironment } from "../../scripts/bundle/environment.js";
import { fromYamlJs, getAt, toPlain, type JsonObject } from "../../scripts/bundle/ordered.js";
import { buildConnectorPackage } from "../../scripts/bundle/package.js";
import { checkDefinition } from "../../scripts/import/check.js";
import { importConnector } from "../../scripts/import/import.js";
import { parseConnectorJson } from "../../scripts/import/read-json.js";
import { extractEnvironmentValues } from "../../scripts/import/secrets.js";
import { toReadableYaml } from "../../scripts/import/to-yaml.js";
import { projectLayout } from "../../scripts/project.js";

const run = promisify(execFile);
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

async function withDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "conduit-import-"));
  try {
    await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const DEFINITION = {
  swagger: "2.0",
  info: { title: "Hand made", description: "A connector that somebody built by hand in the wizard, years ago.", version: "1.0" },
  host: "handmade-prod.azurewebsites.net",
  basePath: "/api",
  schemes: ["https"],
  paths: {
    "/items/{id}": {
      get: {
        operationId: "GetItem",
        summary: "Get an item",
        description:
          "Gets one item by its id. This description is long enough that import writes it as a folded block scalar, which reads far better in review than one very long quoted line.",
        parameters: [{ $ref: "#/parameters/ItemId" }],
        responses: { "404": { description: "none" }, "200": { description: "ok", schema: { $ref: "#/definitions/Item" } } },
      },
    },
  },
  parameters: { ItemId: { name: "id", in: "path", required: true, type: "string", "x-ms-url-encoding": "single" } },
  definitions: { Item: { type: "object", properties: { notes: { type: "string", description: "Line one.\nLine two.\n" } } } },
};

const TENANT = "9a8b7c6d-1111-4222-8333-944455566677";
const PROPERTIES = {
  properties: {
    connectionParameters: {
      token: {
        type: "oauthSetting",
        oAuthSettings: {
          identityProvider: "oauth2",
          clientId: "aaaabbbb-1111-4222-8333-cccc4444dddd",
          scopes: ["api://eeeeffff-1111-4222-8333-000011112222/user_impersonation offline_access"],
          redirectMode: "Global",
          redirectUrl: "https://global.consent.azure-apim.net/redirect",
          properties: { IsFirstParty: "False" },
          customParameters: {
            authorizationUrl: { value: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/authorize` },
            tokenUrl: { value: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token` },
            refreshUrl: { value: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token` },
          },
        },
      },
    },
    policyTemplateInstances: [
      {
        templateId: "setheader",
        title: "Set api key in header",
        parameters: {
          "x-ms-apimTemplateParameter.name": "x-functions-key",
          "x-ms-apimTemplateParameter.value": "s3cr3t-host-key==",
          "x-ms-apimTemplateParameter.existsAction": "override",
          "x-ms-apimTemplate-policySection": "Request",
        },
      },
      {
        templateId: "setheader",
        title: "Accept",
        parameters: { "x-ms-apimTemplateParameter.name": "Accept", "x-ms-apimTemplateParameter.value": "application/json" },
      },
    ],
    iconBrandColor: "#da3b01",
    capabilities: [],
    publisher: "Contoso ${not a placeholder}",
  },
};

async function exportFolder(dir: string, definition: unknown = DEFINITION, properties: unknown = PROPERTIES): Promise<string> {
  const folder = path.join(dir, "export");
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "apiDefinition.swagger.json"), JSON.stringify(definition, null, 4));
  await writeFile(path.join(folder, "apiProperties.json"), JSON.stringify(properties, null, 4));
  return path.join(folder, "apiDefinition.swagger.json");
}

describe("conduit import", () => {
  test("writes readable YAML, replaces secrets and environment values by placeholders, and bundles back", async () => {
    await withDir(async (dir) => {
      const root = path.join(dir, "project");
      const definition = await exportFolder(dir);
      const result = await importConnector({ definition, root, generate: false });
      const byName = new Map(result.values.map((v) => [v.name, v]));
      assert.deepEqual([...byName.keys()].sort(), ["CONDUIT_CLIENT_ID", "CONDUIT_FUNCTION_KEY", "CONDUIT_HOST", "CONDUIT_SCOPE", "CONDUIT_TENANT_ID"]);
      assert.equal(byName.get("CONDUIT_FUNCTION_KEY")?.secret, true);
      assert.equal(byName.get("CONDUIT_TENANT_ID")?.value, TENANT);

      const specText = await readFile(result.specFile, "utf8");
      assert.match(specText, /description: >-\n\s+Gets one item/, "a long description is a folded block");
      assert.match(specText, /description: \|\n\s+Line one\.\n\s+Line two\.\n/, "multi-line text is a literal block");
      const propertiesText = await readFile(result.propertiesFile, "utf8");
      for (const secret of ["s3cr3t-host-key==", TENANT, "aaaabbbb-1111-4222-8333-cccc4444dddd"]) assert.ok(!propertiesText.includes(secret), `${secret} is not in spec/`);
      assert.match(propertiesText, /x-ms-apimTemplateParameter\.value: \$\{CONDUIT_FUNCTION_KEY\}/);
      assert.match(propertiesText, /Contoso \$\$\{not a placeholder\}/);
      const envText = await readFile(result.envFile, "utf8");
      assert.match(envText, /CONDUIT_FUNCTION_KEY='s3cr3t-host-key=='/, "outside git, the env file gets the secret too");
      assert.equal((await stat(result.envFile)).mode & 0o777, 0o600, "only its owner can read the file that holds the secret");

      const values = Object.fromEntries(result.values.map((v) => [v.name, v.value]));
      const pkg = await buildConnectorPackage({ layout: projectLayout(root), environment: fixedEnvironment(values, "imported"), includeSecrets: false });
      assert.deepEqual(toPlain(pkg.definition), DEFINITION);
      assert.deepEqual(JSON.parse(pkg.files.find((f) => f.name === "apiProperties.json")?.content as string), PROPERTIES);
    });
  });

  test("literal ${…} text anywhere (display text, a secret, a path) comes back from import → bundle unchanged", async () => {
    await withDir(async (dir) => {
      const root = path.join(dir, "project");
      const definition = structuredClone(DEFINITION) as typeof DEFINITION & { paths: Record<string, unknown> };
      definition.paths["/documents/${documentId}"] = {};
      const properties = structuredClone(PROPERTIES) as unknown as { properties: Record<string, unknown> & { connectionParameters: Record<string, unknown> } };
      properties.properties.connectionParameters["api_key"] = {
        type: "securestring",
        uiDefinition: { displayName: "API key", description: "Paste ${YOUR_TOKEN} here (literally: $${ stays too)", tooltip: "${YOUR_TOKEN}", constraints: { required: "true" } },
      };
      const token = properties.properties.connectionParameters["token"] as { oAuthSettings: Record<string, unknown> };
      token.oAuthSettings["clientSecret"] = "se${cr}et$${x}";
      const exported = await exportFolder(dir, definition, properties);
      const result = await importConnector({ definition: exported, root, generate: false });
      assert.equal(result.values.find((v) => v.name === "CONDUIT_CLIENT_SECRET")?.value, "se${cr}et$${x}", "the imported secret is the original text");
      const values = Object.fromEntries(result.values.map((v) => [v.name, v.value]));
      const pkg = await buildConnectorPackage({ layout: projectLayout(root), environment: fixedEnvironment(values, "imported"), includeSecrets: true });
      assert.deepEqual(toPlain(pkg.definition), definition);
      assert.deepEqual(JSON.parse(pkg.files.find((f) => f.name === "apiProperties.json")?.content as string), properties);
    });
  });

  test("never overwrites an existing spec without --force, and writes nothing when it refuses", async () => {
    await withDir(async (dir) => {
      const root = path.join(dir, "project");
      await mkdir(path.join(root, "spec"), { recursive: true });
      await writeFile(path.join(root, "spec", "apiDefinition.swagger.yaml"), "mine\n");
      const definition = await exportFolder(dir);
      await assert.rejects(importConnector({ definition, root, generate: false }), (error: unknown) => {
        assert.ok(error instanceof UserError);
        assert.match(error.message, /would replace spec\/apiDefinition\.swagger\.yaml.*--force/);
        return true;
      });
      assert.equal(await readFile(path.join(root, "spec", "apiDefinition.swagger.yaml"), "utf8"), "mine\n");
      await assert.rejects(readFile(path.join(root, "spec", "apiProperties.yaml")), /ENOENT/);
      await importConnector({ definition, root, generate: false, force: true });
      assert.match(await readFile(path.join(root, "spec", "apiDefinition.swagger.yaml"), "utf8"), /swagger: "2.0"/);
    });
  });

  test("definitions it cannot use are refused at the place of the problem", () => {
    const check = (value: unknown) => checkDefinition(parseConnectorJson(bytes(JSON.stringify(value, null, 2)), "d.json"));
    assert.throws(() => check({ openapi: "3.0.1", info: {}, paths: {} }), (error: unknown) => error instanceof UserError && /OpenAPI 3\.0\.1; Power Platform connectors are OpenAPI 2\.0/.test(error.diagnostics[0]?.message ?? ""));
    const external = { ...DEFINITION, definitions: { Item: { $ref: "common.json#/Item" } } };
    assert.throws(
      () => check(external),
      (error: unknown) => {
        assert.ok(error instanceof UserError);
        assert.match(error.diagnostics[0]?.message ?? "", /refers to another file/);
        assert.ok((error.diagnostics[0]?.range.start.line ?? 0) > 10, "positioned at the $ref");
        return true;
      },
    );
    const dangling = structuredClone(DEFINITION) as { parameters: Record<string, unknown> };
    delete dangling.parameters["ItemId"];
    assert.throws(() => check(dangling), (error: unknown) => error instanceof UserError && /"#\/parameters\/ItemId" points to nothing/.test(error.diagnostics[0]?.message ?? ""));
    assert.doesNotThrow(() => check(DEFINITION), "refs to #/parameters are fine");
  });

  test("placeholders: Entra ID connections, secure defaults and a function key in the query", () => {
    const properties = fromYamlJs({
      properties: {
        connectionParameters: {
          token: {
            type: "oauthSetting",
            oAuthSettings: {
              identityProvider: "aad",
              clientId: "11111111-2222-4333-8444-555566667777",
              clientSecret: "shh",
              scopes: ["user_impersonation"],
              properties: { IsFirstParty: "False", AzureActiveDirectoryResourceId: "api://my-api" },
              customParameters: { loginUri: { value: "https://login.windows.net" }, tenantId: { value: "contoso.onmicrosoft.com" }, resourceUri: { value: "https://graph.microsoft.com" } },
            },
          },
          apiKey: { type: "securestring", defaultValue: "k" },
        },
        policyTemplateInstances: [{ templateId: "setqueryparameter", parameters: { "x-ms-apimTemplateParameter.name": "code", "x-ms-apimTemplateParameter.value": "fn==" } }],
      },
    }) as JsonObject;
    const { document, values } = extractEnvironmentValues(properties);
    const settings = ["properties", "connectionParameters", "token", "oAuthSettings"];
    assert.equal(getAt(document, [...settings, "clientSecret"]), "${CONDUIT_CLIENT_SECRET}");
    assert.equal(getAt(document, [...settings, "customParameters", "tenantId", "value"]), "${CONDUIT_TENANT_ID}");
    assert.equal(getAt(document, [...settings, "customParameters", "resourceUri", "value"]), "https://graph.microsoft.com", "a shared Microsoft API stays");
    assert.equal(getAt(document, [...settings, "properties", "AzureActiveDirectoryResourceId"]), "${CONDUIT_RESOURCE_URI}");
    assert.deepEqual(getAt(document, [...settings, "scopes"]), ["user_impersonation"]);
    assert.equal(getAt(document, ["properties", "connectionParameters", "apiKey", "defaultValue"]), "${CONDUIT_API_KEY}");
    assert.equal(getAt(document, ["properties", "policyTemplateInstances", 0, "parameters", "x-ms-apimTemplateParameter.value"]), "${CONDUIT_FUNCTION_KEY}");
    assert.deepEqual(values.filter((v) => v.secret).map((v) => v.name).sort(), ["CONDUIT_API_KEY", "CONDUIT_CLIENT_SECRET", "CONDUIT_FUNCTION_KEY"]);
  });

  test("text a block scalar would change stays quoted, so the YAML reads back the same", () => {
    const awkward = fromYamlJs({ description: `${"word ".repeat(30)}  trailing spaces and\ttabs   `, other: "  leading\nand trailing  \n\n", empty: "\n" });
    const { text } = toReadableYaml(awkward, " test");
    assert.deepEqual(fromYamlJs(parseDocument(text).toJS({ mapAsMap: true })), awkward);
  });

  test("`conduit import` from the command line: messy export in, spec and stubs out", async () => {
    await withDir(async (dir) => {
      const root = path.join(dir, "project");
      await mkdir(root, { recursive: true });
      await cp(path.resolve("src", "runtime"), path.join(root, "src", "runtime"), { recursive: true });
      const folder = path.join(dir, "export");
      await mkdir(folder, { recursive: true });
      // A byte-order mark and a trailing comma, as hand-edited exports have them.
      const text = JSON.stringify(DEFINITION, null, 2).replace('"https"\n  ]', '"https",\n  ]');
      await writeFile(path.join(folder, "apiDefinition.swagger.json"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
      await writeFile(path.join(folder, "apiProperties.json"), JSON.stringify(PROPERTIES));
      const cli = fileURLToPath(new URL("../../scripts/cli.js", import.meta.url));
      const script = `const { main } = await import(${JSON.stringify(cli)}); process.exitCode = await main(process.argv.slice(1));`;
      const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script, "import", path.join(folder, "apiDefinition.swagger.json")], { cwd: root });
      assert.match(stdout, /apiDefinition\.swagger\.json:1:1\s+warning\s+byte-order mark/);
      assert.match(stdout, /warning\s+trailing comma/);
      assert.match(stdout, /imported 1 operation into spec\/apiDefinition\.swagger\.yaml and spec\/apiProperties\.yaml/);
      assert.match(stdout, /\$\{CONDUIT_FUNCTION_KEY\}\s+secret/);
      assert.match(await readFile(path.join(root, "src", "handlers", "GetItem.ts"), "utf8"), /GetItem/);
      const again = await run(process.execPath, ["--input-type=module", "-e", script, "import", path.join(folder, "apiDefinition.swagger.json")], { cwd: root }).catch((e: unknown) => e);
      assert.equal((again as { code?: number }).code, 2);
      assert.match((again as { stderr?: string }).stderr ?? "", /--force/);
    });
  });
});
