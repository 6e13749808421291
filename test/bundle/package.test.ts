import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { UserError, type Diagnostic } from "../../scripts/diagnostics.js";
import { fixedEnvironment, loadEnvironment } from "../../scripts/bundle/environment.js";
import { buildConnectorPackage, DEFINITION_SIZE_LIMIT, type ConnectorPackage } from "../../scripts/bundle/package.js";
import { projectLayout } from "../../scripts/project.js";
import { writePackageAtomically } from "../../scripts/bundle/write.js";
import { importConnector } from "../../scripts/import/import.js";
import { lintErrors, schemaErrors } from "./power-platform.js";
import { SAMPLE_VALUES, sampleProject } from "./project.js";

const run = promisify(execFile);

function fileText(pkg: ConnectorPackage, name: string): string {
  const file = pkg.files.find((f) => f.name === name);
  assert.ok(file, `the package has ${name}`);
  return typeof file.content === "string" ? file.content : Buffer.from(file.content).toString("latin1");
}

function json(pkg: ConnectorPackage, name: string): Record<string, unknown> {
  return JSON.parse(fileText(pkg, name)) as Record<string, unknown>;
}

type Obj = Record<string, unknown>;
const at = (value: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((node, key) => (node as Obj | undefined)?.[key], value);

async function bundleSample(edit: (yaml: string) => string = (y) => y, values = SAMPLE_VALUES, includeSecrets = false): Promise<ConnectorPackage> {
  const project = await sampleProject();
  try {
    const file = path.join(project.root, "spec", "apiProperties.yaml");
    await writeFile(file, edit(await readFile(file, "utf8")));
    return await buildConnectorPackage({ layout: projectLayout(project.root), environment: fixedEnvironment(values, "dev"), includeSecrets });
  } finally {
    await project.dispose();
  }
}

function setheaderPolicies(properties: unknown): Obj[] {
  const list = at(properties, "properties", "policyTemplateInstances");
  return (Array.isArray(list) ? (list as Obj[]) : []).filter((p) => String(p["templateId"]).toLowerCase() === "setheader");
}

describe("the sample's bundle, checked as Power Platform would", () => {
  test("conduit's own x-conduit-* keys stay out of the package; a property of that name and example values stay", async () => {
    const project = await sampleProject();
    try {
      const file = path.join(project.root, "spec", "apiDefinition.swagger.yaml");
      const yaml = (await readFile(file, "utf8"))
        .replace('host: conduit-workorders.azurewebsites.net\n', 'host: conduit-workorders.azurewebsites.net\nx-conduit-roles: [WorkOrders.Read.All]\n')
        .replace("      operationId: CreateWorkOrder\n", "      operationId: CreateWorkOrder\n      x-conduit-try: {user: test.account@conduit.example.com}\n      x-conduit-anything: 1\n")
        .replace(
          "    properties:\n      id:\n        type: string\n        x-ms-summary: Work order ID\n",
          "    properties:\n      x-conduit-note:\n        type: string\n        example: {x-conduit-kept: yes}\n      id:\n        type: string\n        x-conduit-roles: [x]\n        x-ms-summary: Work order ID\n",
        );
      assert.equal((yaml.match(/x-conduit-/g) ?? []).length, 6, "the edits applied");
      await writeFile(file, yaml);
      const pkg = await buildConnectorPackage({ layout: projectLayout(project.root), environment: fixedEnvironment(SAMPLE_VALUES, "dev"), includeSecrets: false });
      const text = fileText(pkg, "apiDefinition.swagger.json");
      const definition = JSON.parse(text) as Obj;
      assert.equal(at(definition, "x-conduit-roles"), undefined);
      assert.equal(at(definition, "paths", "/workorders", "post", "x-conduit-try"), undefined);
      assert.equal(at(definition, "paths", "/workorders", "post", "x-conduit-anything"), undefined);
      assert.equal(at(definition, "definitions", "WorkOrder", "properties", "id", "x-conduit-roles"), undefined);
      assert.deepEqual(at(definition, "definitions", "WorkOrder", "properties", "x-conduit-note"), { type: "string", example: { "x-conduit-kept": "yes" } }, "a property name is the user's");
      assert.equal((text.match(/x-conduit-/g) ?? []).length, 2, "only the property and its example");
      assert.ok(pkg.notes.some((n) => n === "left out conduit's own keys, which are for conduit and not Power Platform: x-conduit-anything, x-conduit-roles, x-conduit-try (4 in all)"), pkg.notes.join("\n"));
    } finally {
      await project.dispose();
    }
  });

  test("it lints clean and is valid against Microsoft's schemas", async (t) => {
    const pkg = await bundleSample();
    assert.deepEqual(pkg.files.map((f) => f.name).sort(), [
      "ACTIONS.md",
      "UPLOAD.md",
      "apiDefinition.swagger.json",
      "apiProperties.json",
      "apiProperties.update.json",
      "icon.png",
      "settings.json",
    ]);
    for (const name of ["apiDefinition.swagger.json", "apiProperties.json"]) {
      const lint = await lintErrors(fileText(pkg, name), name);
      assert.deepEqual(lint.errors, [], `${name} lints without errors`);
      t.diagnostic(`${name}: ${lint.warnings} lint warnings or hints`);
    }
    assert.deepEqual(schemaErrors("definition", json(pkg, "apiDefinition.swagger.json")), []);
    assert.deepEqual(schemaErrors("properties", json(pkg, "apiProperties.json")), []);
    assert.deepEqual(schemaErrors("properties", json(pkg, "apiProperties.update.json")), []);
    assert.deepEqual(schemaErrors("settings", json(pkg, "settings.json")), []);
    assert.ok(pkg.definitionBytes < DEFINITION_SIZE_LIMIT && !pkg.compact);
  });

  test("the function key policy sets x-functions-key on the request from a secure connection parameter", async () => {
    const properties = json(await bundleSample(), "apiProperties.json");
    const policies = setheaderPolicies(properties);
    assert.equal(policies.length, 1);
    const parameters = policies[0]?.["parameters"] as Obj;
    assert.equal(policies[0]?.["title"], "Set api key in header");
    assert.equal(parameters["x-ms-apimTemplateParameter.name"], "x-functions-key");
    assert.equal(parameters["x-ms-apimTemplate-policySection"], "Request");
    assert.equal(parameters["x-ms-apimTemplateParameter.existsAction"], "override");
    assert.equal(parameters["x-ms-apimTemplateParameter.value"], "@connectionParameters('token:functionKey')");
    assert.equal(parameters["x-ms-apimTemplate-operationName"], undefined, "applies to every operation");
    assert.equal(at(properties, "properties", "connectionParameters", "token:functionKey", "type"), "securestring");
  });

  test("OAuth URLs, client id, scope and redirect match the tenant in both files; host is the environment's", async () => {
    const pkg = await bundleSample();
    const tenant = SAMPLE_VALUES["CONDUIT_TENANT_ID"] ?? "";
    const oauth = at(json(pkg, "apiProperties.json"), "properties", "connectionParameters", "token", "oAuthSettings") as Obj;
    assert.equal(oauth["identityProvider"], "oauth2");
    assert.equal(oauth["clientId"], SAMPLE_VALUES["CONDUIT_CLIENT_ID"]);
    assert.deepEqual(oauth["scopes"], [`${SAMPLE_VALUES["CONDUIT_SCOPE"]} offline_access`]);
    assert.equal(oauth["redirectUrl"], "https://global.consent.azure-apim.net/redirect");
    assert.equal(at(oauth, "customParameters", "authorizationUrl", "value"), `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/authorize`);
    assert.equal(at(oauth, "customParameters", "tokenUrl", "value"), `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`);
    assert.equal(at(oauth, "customParameters", "refreshUrl", "value"), `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`);
    assert.equal(oauth["clientSecret"], undefined);
    const definition = json(pkg, "apiDefinition.swagger.json");
    assert.equal(definition["host"], SAMPLE_VALUES["CONDUIT_HOST"]);
    const schemes = Object.values(definition["securityDefinitions"] as Record<string, Obj>).filter((s) => s["type"] === "oauth2");
    assert.ok(schemes.length > 0);
    for (const scheme of schemes) {
      assert.equal(scheme["authorizationUrl"], `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/authorize`);
      assert.equal(scheme["tokenUrl"], `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`);
    }
  });

  test("no file holds the client secret or the function key unless asked to", async () => {
    const pkg = await bundleSample();
    for (const file of pkg.files) {
      const text = typeof file.content === "string" ? file.content : Buffer.from(file.content).toString("latin1");
      assert.ok(!text.includes(SAMPLE_VALUES["CONDUIT_CLIENT_SECRET"] ?? "?"), `${file.name} has no client secret`);
      assert.ok(!text.includes(SAMPLE_VALUES["CONDUIT_FUNCTION_KEY"] ?? "?"), `${file.name} has no function key`);
    }
    assert.equal(pkg.holdsSecrets, false);
    assert.match(fileText(pkg, "UPLOAD.md"), /pac connector has no flag for the client secret/);
  });

  test("--include-secrets writes the client secret into apiProperties.json only, and says so", async () => {
    const pkg = await bundleSample(undefined, SAMPLE_VALUES, true);
    assert.equal(at(json(pkg, "apiProperties.json"), "properties", "connectionParameters", "token", "oAuthSettings", "clientSecret"), SAMPLE_VALUES["CONDUIT_CLIENT_SECRET"]);
    assert.deepEqual(schemaErrors("properties", json(pkg, "apiProperties.json")), []);
    assert.equal(pkg.holdsSecrets, true);
    assert.ok(pkg.notes.some((n) => n.includes("client secret")));
    assert.ok(pkg.files.some((f) => f.name === "apiProperties.update.json"));
    for (const file of pkg.files.filter((f) => f.name !== "apiProperties.json")) {
      assert.ok(!fileText(pkg, file.name).includes(SAMPLE_VALUES["CONDUIT_CLIENT_SECRET"] ?? "?"), `${file.name} has no client secret`);
    }
    assert.deepEqual(pkg.secretFiles.map((f) => f.name), ["apiProperties.json"]);
  });

  test("identityProvider aad with a static key: the Entra ID provider, the key built into the policy", async () => {
    const pkg = await bundleSample((yaml) => yaml.replace("identityProvider: oauth2", "identityProvider: aad").replace("source: connection", "source: static"));
    const properties = json(pkg, "apiProperties.json");
    assert.deepEqual(schemaErrors("properties", properties), []);
    const oauth = at(properties, "properties", "connectionParameters", "token", "oAuthSettings") as Obj;
    assert.equal(oauth["identityProvider"], "aad");
    assert.equal(at(oauth, "customParameters", "tenantId", "value"), SAMPLE_VALUES["CONDUIT_TENANT_ID"]);
    assert.equal(at(oauth, "customParameters", "resourceUri", "value"), "api://2d3e4f5a-2222-4c3d-9e4f-5a6b7c8d9e0f");
    assert.deepEqual(oauth["scopes"], ["user_impersonation"]);
    assert.equal(at(properties, "properties", "connectionParameters", "token:functionKey"), undefined);
    const parameters = setheaderPolicies(properties)[0]?.["parameters"] as Obj;
    assert.equal(parameters["x-ms-apimTemplateParameter.value"], SAMPLE_VALUES["CONDUIT_FUNCTION_KEY"]);
    assert.equal(parameters["x-ms-apimTemplate-policySection"], "Request");
    assert.equal(pkg.holdsSecrets, true);
    assert.ok(pkg.notes.some((n) => n.includes("anyone who can download the connector")));
    assert.match(fileText(pkg, "UPLOAD.md"), /Azure Active Directory/);
    assert.equal((await lintErrors(fileText(pkg, "apiProperties.json"), "apiProperties.json")).errors.length, 0);
  });
});

describe("per-environment values", () => {
  test("every missing value is named in one message, each where it is used", async () => {
    await assert.rejects(bundleSample(undefined, {}, true), (error: unknown) => {
      assert.ok(error instanceof UserError);
      for (const name of ["CONDUIT_HOST", "CONDUIT_TENANT_ID", "CONDUIT_CLIENT_ID", "CONDUIT_SCOPE", "CONDUIT_CLIENT_SECRET"]) {
        assert.ok(error.message.includes(name), `the message names ${name}`);
        const use: Diagnostic | undefined = error.diagnostics.find((d) => d.message.startsWith(`${name} `));
        assert.ok(use, `a diagnostic points at ${name}`);
        assert.equal(use.source, "spec/apiProperties.yaml");
        assert.ok(use.range.start.line > 0);
      }
      assert.ok(!error.message.includes("CONDUIT_FUNCTION_KEY"), "the connection-held key needs no value");
      assert.ok(!error.message.includes("CONDUIT_CONNECTOR_ID"), "optional values are not missing");
      assert.match(error.message, /\.env\.dev/);
      return true;
    });
  });

  test("a value that cannot be right is refused, naming its variable", async () => {
    await assert.rejects(bundleSample(undefined, { ...SAMPLE_VALUES, CONDUIT_TENANT_ID: "my tenant" }), (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.match(error.diagnostics[0]?.message ?? "", /tenant.*CONDUIT_TENANT_ID/);
      return true;
    });
    await assert.rejects(bundleSample(undefined, { ...SAMPLE_VALUES, CONDUIT_HOST: "https://x.azurewebsites.net/" }), (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.match(error.diagnostics[0]?.message ?? "", /host name without scheme/);
      return true;
    });
  });

  test("values come from the environment first, then .env.<name>", async () => {
    const project = await sampleProject({ ".env.test": "CONDUIT_HOST=from-file.azurewebsites.net\nCONDUIT_SCOPE=\"api://x/y\"\n" });
    try {
      const env = await loadEnvironment(project.root, "test", { CONDUIT_HOST: "from-env.azurewebsites.net" });
      assert.equal(env.get("CONDUIT_HOST"), "from-env.azurewebsites.net");
      assert.equal(env.get("CONDUIT_SCOPE"), "api://x/y");
      assert.equal(env.describeSource("CONDUIT_SCOPE"), ".env.test");
      assert.equal(env.get("CONDUIT_TENANT_ID"), undefined);
      assert.equal((await loadEnvironment(project.root, "nope", {})).fileFound, false);
      await assert.rejects(loadEnvironment(project.root, "../x", {}), UserError);
    } finally {
      await project.dispose();
    }
  });
});

describe("size and writing", () => {
  test("a definition over the limit indented is written compact; over it compact, refused with the sizes", async () => {
    // 1,200 definitions of 20 properties: about 1.2 MB indented, 0.6 MB without indentation.
    const properties = Array.from({ length: 20 }, (_, i) => `"p${i}":{"type":"string"}`).join(",");
    const definitions = Array.from({ length: 1_200 }, (_, i) => `"D${i}":{"type":"object","properties":{${properties}}}`).join(",");
    const wide = `{"swagger":"2.0","info":{"title":"Wide","version":"1"},"host":"x.example.com","paths":{},"definitions":{${definitions}}}`;
    const project = await sampleProject({ "spec/apiDefinition.swagger.yaml": wide, "spec/apiProperties.yaml": "properties:\n  iconBrandColor: \"#0f6cbd\"\n" });
    try {
      const pkg = await buildConnectorPackage({ layout: projectLayout(project.root), environment: fixedEnvironment({}), includeSecrets: false });
      assert.equal(pkg.compact, true);
      assert.ok(pkg.definitionBytes < DEFINITION_SIZE_LIMIT);
      assert.ok(pkg.notes.some((n) => n.includes("without indentation")));
      await writeFile(path.join(project.root, "spec/apiDefinition.swagger.yaml"), wide.replace('"title":"Wide"', `"title":"Wide","description":"${"x".repeat(DEFINITION_SIZE_LIMIT)}"`));
      await assert.rejects(buildConnectorPackage({ layout: projectLayout(project.root), environment: fixedEnvironment({}), includeSecrets: false }), /MB even without indentation/);
    } finally {
      await project.dispose();
    }
  });

  test("the package folder is replaced whole, with no temporary folder left beside it", async () => {
    const project = await sampleProject();
    try {
      const out = path.join(project.root, "dist", "connector");
      await mkdir(out, { recursive: true });
      await writeFile(path.join(out, "stale.json"), "{}");
      await writePackageAtomically(out, [{ name: "a.json", content: "{}\n" }]);
      assert.deepEqual(await readdir(out), ["a.json"]);
      assert.deepEqual(await readdir(path.dirname(out)), ["connector"]);
      await assert.rejects(writePackageAtomically(out, [{ name: "sub/b.json", content: "{}" }]));
      assert.deepEqual(await readdir(out), ["a.json"], "a failed write leaves the old package as it was");
      assert.deepEqual(await readdir(path.dirname(out)), ["connector"]);
    } finally {
      await project.dispose();
    }
  });

  test("a bundle killed while writing leaves its secret behind only until the next bundle, which removes it", async () => {
    const values = Object.entries(SAMPLE_VALUES).map(([k, v]) => `${k}=${v}`).join("\n");
    const project = await sampleProject({ ".env.dev": `${values}\n` });
    try {
      const dist = path.join(project.root, "dist");
      await mkdir(dist, { recursive: true });
      // A real bundle process, killed with SIGKILL once its staging folder holds the secret (a large file after it
      // keeps it busy long enough to be caught there).
      const write = fileURLToPath(new URL("../../scripts/bundle/write.js", import.meta.url));
      const script =
        `const { writePackageAtomically } = await import(${JSON.stringify(write)});` +
        `await writePackageAtomically(${JSON.stringify(path.join(dist, "connector"))}, [` +
        `{ name: "apiProperties.json", content: ${JSON.stringify(SAMPLE_VALUES["CONDUIT_CLIENT_SECRET"])}, secret: true },` +
        `{ name: "big.bin", content: new Uint8Array(400 * 1024 * 1024) }]);`;
      const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: "ignore" });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      let staging: string | undefined;
      for (let i = 0; i < 2000 && staging === undefined; i++) {
        const found = (await readdir(dist)).find((name) => name.startsWith(".connector.tmp-"));
        if (found !== undefined && (await readdir(path.join(dist, found))).includes("big.bin")) staging = found;
        else await sleep(5);
      }
      child.kill("SIGKILL");
      await exited;
      assert.ok(staging, "caught the bundle with its staging folder written");
      assert.ok((await readFile(path.join(dist, staging, "apiProperties.json"), "utf8")).includes(SAMPLE_VALUES["CONDUIT_CLIENT_SECRET"] ?? "?"), "the killed bundle left the secret");

      const cli = fileURLToPath(new URL("../../scripts/cli.js", import.meta.url));
      const again = `const { main } = await import(${JSON.stringify(cli)}); process.exitCode = await main(process.argv.slice(1));`;
      const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CONDUIT_")));
      const { stdout } = await run(process.execPath, ["--input-type=module", "-e", again, "bundle", "--env", "dev"], { cwd: project.root, env: cleanEnv });
      assert.match(stdout, new RegExp(`removed dist/${staging.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/, left by a bundle that was stopped half-way`));
      assert.deepEqual(await readdir(dist), ["connector"]);
    } finally {
      await project.dispose();
    }
  });

  test("`conduit bundle --env dev` from the command line writes the package and prints sizes", async () => {
    const values = Object.entries(SAMPLE_VALUES).map(([k, v]) => `${k}=${v}`).join("\n");
    const project = await sampleProject({ ".env.dev": `${values}\n` });
    try {
      const cli = fileURLToPath(new URL("../../scripts/cli.js", import.meta.url));
      const script = `const { main } = await import(${JSON.stringify(cli)}); process.exitCode = await main(process.argv.slice(1));`;
      const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CONDUIT_")));
      const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script, "bundle", "--env", "dev"], { cwd: project.root, env: cleanEnv });
      assert.match(stdout, /apiDefinition\.swagger\.json\s+[\d.]+ kB \([\d.]+% of the 1\.00 MB limit\)/);
      const files = await readdir(path.join(project.root, "dist", "connector"));
      assert.ok(files.includes("UPLOAD.md") && files.includes("apiProperties.json"));
      const failed = await run(process.execPath, ["--input-type=module", "-e", script, "bundle", "--env", "prod"], { cwd: project.root, env: cleanEnv }).catch((e: unknown) => e);
      assert.equal((failed as { code?: number }).code, 2);
      assert.match((failed as { stderr?: string }).stderr ?? "", /CONDUIT_HOST, CONDUIT_TENANT_ID, CONDUIT_CLIENT_ID, CONDUIT_SCOPE/);
    } finally {
      await project.dispose();
    }
  });
});

/**
 * Secrets whatever their origin: a connector brought in by `conduit import` has no conduit block, its policy holds
 * the function key as a plain value (a placeholder filled from .env.imported), and bundle must know that as well
 * as it knows its own static key. Real git decides what is tracked.
 */
describe("secrets in the package, whatever their origin", () => {
  const KEY = "imported-host-key-ABCDEF0123456789==";
  const SECRET = "imported~client.secret-0123";
  const definition = {
    swagger: "2.0",
    info: { title: "Imported", description: "A connector built by hand and brought in with conduit import.", version: "1.0" },
    host: "imported.azurewebsites.net",
    basePath: "/api",
    schemes: ["https"],
    paths: { "/ping": { get: { operationId: "Ping", summary: "Ping", description: "Answers.", responses: { "200": { description: "ok" } } } } },
  };
  const properties = {
    properties: {
      connectionParameters: {
        token: {
          type: "oauthSetting",
          oAuthSettings: {
            identityProvider: "oauth2",
            clientId: "aaaabbbb-1111-4222-8333-cccc4444dddd",
            clientSecret: SECRET,
            scopes: ["api://eeeeffff-1111-4222-8333-000011112222/user_impersonation"],
            redirectMode: "Global",
            redirectUrl: "https://global.consent.azure-apim.net/redirect",
          },
        },
      },
      policyTemplateInstances: [
        {
          templateId: "setheader",
          title: "Set api key in header",
          parameters: {
            "x-ms-apimTemplateParameter.name": "x-functions-key",
            "x-ms-apimTemplateParameter.value": KEY,
            "x-ms-apimTemplateParameter.existsAction": "override",
            "x-ms-apimTemplate-policySection": "Request",
          },
        },
      ],
      iconBrandColor: "#da3b01",
      capabilities: [],
      publisher: "Contoso",
      stackOwner: "Contoso",
    },
  };

  /** A git repository holding an imported connector; `ignored` goes into its .gitignore. */
  async function importedRepository(ignored: string): Promise<{ root: string; dispose(): Promise<void> }> {
    const project = await sampleProject({
      "export/apiDefinition.swagger.json": JSON.stringify(definition),
      "export/apiProperties.json": JSON.stringify(properties),
      ".gitignore": `${ignored}\n.env.*\n`,
    });
    await run("git", ["init", "-q"], { cwd: project.root });
    await importConnector({ definition: path.join(project.root, "export", "apiDefinition.swagger.json"), root: project.root, force: true, generate: false });
    return project;
  }

  async function bundleCli(root: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const cli = fileURLToPath(new URL("../../scripts/cli.js", import.meta.url));
    const script = `const { main } = await import(${JSON.stringify(cli)}); process.exitCode = await main(process.argv.slice(1));`;
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CONDUIT_")));
    try {
      const { stdout, stderr } = await run(process.execPath, ["--input-type=module", "-e", script, "bundle", "--env", "imported", ...args], { cwd: root, env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
    }
  }

  test("an imported static key is a secret: never written where git could track it, nothing left behind", async () => {
    const project = await importedRepository("/dist/");
    try {
      const refused = await bundleCli(project.root, "--out", "package");
      assert.equal(refused.code, 2, refused.stdout + refused.stderr);
      assert.match(refused.stderr, /package\/apiProperties\.json .*not ignored by git.*x-functions-key/s);
      assert.deepEqual((await readdir(project.root)).filter((name) => name.includes("package")), [], "no package and no temporary folder");
    } finally {
      await project.dispose();
    }
  });

  test("each file that holds a secret is named, holds only what it must, and only its owner can read it", async () => {
    const project = await importedRepository("/dist/");
    try {
      const written = await bundleCli(project.root, "--include-secrets");
      assert.equal(written.code, 0, written.stderr);
      const out = path.join(project.root, "dist", "connector");
      const full = await readFile(path.join(out, "apiProperties.json"), "utf8");
      const update = await readFile(path.join(out, "apiProperties.update.json"), "utf8");
      assert.ok(full.includes(SECRET) && full.includes(KEY));
      assert.ok(!update.includes(SECRET), "paconn update takes the client secret from --secret, not from the file");
      assert.ok(update.includes(KEY), "the policy keeps its key in both files");
      assert.match(written.stdout, /apiProperties\.json holds secrets: the client secret, the x-functions-key value of the policy "Set api key in header"/);
      assert.match(written.stdout, /apiProperties\.update\.json holds a secret: the x-functions-key value of the policy "Set api key in header"/);
      for (const name of ["apiProperties.json", "apiProperties.update.json"]) {
        assert.equal((await stat(path.join(out, name))).mode & 0o777, 0o600, `${name} is readable by its owner only`);
      }
      const guide = await readFile(path.join(out, "UPLOAD.md"), "utf8");
      assert.match(guide, /apiProperties\.json and apiProperties\.update\.json hold secrets/);
      for (const name of await readdir(out)) {
        if (name.startsWith("apiProperties")) continue;
        const text = await readFile(path.join(out, name), "latin1");
        assert.ok(!text.includes(KEY) && !text.includes(SECRET), `${name} holds no secret`);
      }
    } finally {
      await project.dispose();
    }
  });
});
