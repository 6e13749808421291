import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseEnv } from "node:util";
import { loadEnvironment } from "../../scripts/bundle/environment.js";
import { buildConnectorPackage } from "../../scripts/bundle/package.js";
import { writePackageAtomically } from "../../scripts/bundle/write.js";
import { projectLayout } from "../../scripts/project.js";
import { runPublish } from "../../scripts/publish/command.js";
import { runProvision } from "../../scripts/provision/command.js";
import { SAMPLE_VALUES, sampleProject } from "../bundle/project.js";
import { TestCredential } from "../provision/credential.js";
import { FakeGraph } from "../provision/fake-graph.js";
import { NO_WAIT, runCommand, type RunResult } from "../provision/harness.js";
import { FakePowerPlatform } from "./fake-power-platform.js";

const ENVIRONMENT = "9a8b7c6d-1111-4e2f-8a3b-4c5d6e7f8091";

interface World {
  readonly root: string;
  readonly platform: FakePowerPlatform;
  bundle(env?: string): Promise<void>;
  publish(args: string[]): Promise<RunResult>;
  dispose(): Promise<void>;
}

function envText(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
}

async function world(values: Readonly<Record<string, string>> | null = SAMPLE_VALUES): Promise<World> {
  const project = await sampleProject(values === null ? {} : { ".env.dev": `${envText(values)}\n` });
  const platform = await new FakePowerPlatform().start();
  return {
    root: project.root,
    platform,
    async bundle(env = "dev") {
      const environment = await loadEnvironment(project.root, env, {});
      const pkg = await buildConnectorPackage({ layout: projectLayout(project.root), environment, includeSecrets: false });
      await writePackageAtomically(path.join(project.root, "dist", "connector"), pkg.files);
    },
    publish: (args) =>
      runCommand((io) => runPublish(args, { ...io, cwd: project.root, credential: new TestCredential(), testing: { endpoints: platform.endpoints, retry: NO_WAIT.retry, processEnv: {} } })),
    async dispose() {
      await platform.close();
      await project.dispose();
    },
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe("conduit publish against Power Platform's endpoints on 127.0.0.1", () => {
  test("creates the connector: definition validated, icon uploaded, the secret in oAuthSettings.clientSecret and in no file; the id recorded", async () => {
    const w = await world();
    try {
      await w.bundle();
      const run = await w.publish(["--env", "dev", "--power-platform-env", ENVIRONMENT]);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(w.platform.problems, []);
      assert.equal(w.platform.connectors.size, 1);
      const [connector] = [...w.platform.connectors.values()];
      assert.ok(connector);
      assert.equal(connector.environment, ENVIRONMENT);
      assert.equal(connector.secret, SAMPLE_VALUES["CONDUIT_CLIENT_SECRET"]);
      assert.equal(connector.properties["displayName"], "Field Service Work Orders");
      assert.deepEqual(connector.properties["backendService"], { serviceUrl: `https://${SAMPLE_VALUES["CONDUIT_HOST"]}/api` });
      const icon = [...w.platform.blobs.values()][0];
      assert.deepEqual(icon?.bytes, await readFile(path.join(w.root, "spec", "icon.png")));
      assert.ok(w.platform.requests.some((r) => r.path.endsWith("/validateApiSwagger")));

      // The secret went over the wire only: no file in the project holds it but .env.dev, where it came from.
      const secret = SAMPLE_VALUES["CONDUIT_CLIENT_SECRET"] as string;
      for (const file of await filesUnder(w.root)) {
        if (path.basename(file) === ".env.dev") continue;
        assert.ok(!(await readFile(file)).includes(secret), `${path.relative(w.root, file)} holds the client secret`);
      }
      assert.ok(!run.stdout.includes(secret));

      const env = parseEnv(await readFile(path.join(w.root, ".env.dev"), "utf8"));
      assert.equal(env["CONDUIT_CONNECTOR_ID"], connector.name);
      assert.equal(env["CONDUIT_POWER_PLATFORM_ENVIRONMENT"], ENVIRONMENT);
      const settings = JSON.parse(await readFile(path.join(w.root, "dist", "connector", "settings.json"), "utf8")) as Record<string, unknown>;
      assert.equal(settings["connectorId"], connector.name);
      assert.match(run.stdout, /^offline: dist\/connector read and checked against \.env\.dev/m);
      assert.match(run.stdout, /^online: created custom connector shared_/m);

      // The next bundle carries the id into settings.json by itself.
      await w.bundle();
      const rebundled = JSON.parse(await readFile(path.join(w.root, "dist", "connector", "settings.json"), "utf8")) as Record<string, unknown>;
      assert.equal(rebundled["connectorId"], connector.name);
      assert.equal(rebundled["environment"], ENVIRONMENT);
    } finally {
      await w.dispose();
    }
  });

  test("a second publish updates the same connector, as paconn update does: no display name, no stackOwner", async () => {
    const w = await world();
    try {
      await w.bundle();
      assert.equal((await w.publish(["--env", "dev", "--power-platform-env", ENVIRONMENT])).code, 0);
      const run = await w.publish(["--env", "dev"]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(w.platform.connectors.size, 1);
      const writes = w.platform.writes();
      assert.deepEqual(
        writes.map((r) => r.method),
        ["POST", "PATCH"],
      );
      const update = (writes[1]?.body as { properties: Record<string, unknown> }).properties;
      assert.equal("displayName" in update, false);
      assert.equal("stackOwner" in update, false);
      assert.deepEqual(w.platform.problems, []);
    } finally {
      await w.dispose();
    }
  });

  test("an id lost from .env.dev: the connector is found by its name and backend, and updated, not duplicated", async () => {
    const w = await world();
    try {
      await w.bundle();
      assert.equal((await w.publish(["--env", "dev", "--power-platform-env", ENVIRONMENT])).code, 0);
      await writeFile(path.join(w.root, ".env.dev"), `${envText(SAMPLE_VALUES)}\n`);
      await w.bundle();
      const run = await w.publish(["--env", "dev", "--power-platform-env", ENVIRONMENT]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /found custom connector shared_\S+ by its name and backend URL/);
      assert.equal(w.platform.connectors.size, 1);
    } finally {
      await w.dispose();
    }
  });

  test("without an environment it lists yours and stops, exit 2, nothing created", async () => {
    const w = await world();
    try {
      await w.bundle();
      const run = await w.publish(["--env", "dev"]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /pass --power-platform-env <id>/);
      assert.match(run.stderr, /9a8b7c6d-1111-4e2f-8a3b-4c5d6e7f8091 {2}Field service dev/);
      assert.equal(w.platform.connectors.size, 0);
    } finally {
      await w.dispose();
    }
  });

  test("a package bundled for another environment is refused before any call", async () => {
    const w = await world();
    try {
      await w.bundle();
      await writeFile(path.join(w.root, ".env.prod"), `${envText({ ...SAMPLE_VALUES, CONDUIT_HOST: "conduit-prod.azurewebsites.net" })}\n`);
      const run = await w.publish(["--env", "prod", "--power-platform-env", ENVIRONMENT]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /was not bundled for environment "prod" \(its host is conduit-dev\.azurewebsites\.net, \.env\.prod says conduit-prod\.azurewebsites\.net\): run `conduit bundle --env prod` first/);
      assert.deepEqual(w.platform.requests, []);
    } finally {
      await w.dispose();
    }
  });

  test("no .env.NAME: provision first (or create the file), exit 2, before any call or sign-in", async () => {
    const w = await world();
    try {
      await w.bundle();
      const run = await w.publish(["--env", "staging", "--power-platform-env", ENVIRONMENT]);
      assert.equal(run.code, 2);
      assert.equal(
        run.stderr,
        "conduit: .env.staging does not exist: it holds the environment's host and app registration ids, which `conduit provision --env staging` records. Run `conduit provision --env staging` first (then `conduit bundle --env staging`), or create .env.staging from .env.example\n",
      );
      assert.deepEqual(w.platform.requests, []);
    } finally {
      await w.dispose();
    }
  });

  test("a new OAuth connector without a client secret is refused with the fix", async () => {
    const values = { ...SAMPLE_VALUES };
    delete (values as Record<string, string>)["CONDUIT_CLIENT_SECRET"];
    const w = await world(values);
    try {
      await w.bundle();
      const run = await w.publish(["--env", "dev", "--power-platform-env", ENVIRONMENT]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /run `conduit provision --env dev`/);
      assert.equal(w.platform.writes().length, 0);
    } finally {
      await w.dispose();
    }
  });

  test("--plan says create or update and writes nothing; the service's validation messages are shown", async () => {
    const w = await world();
    try {
      await w.bundle();
      const plan = await w.publish(["--env", "dev", "--power-platform-env", ENVIRONMENT, "--plan"]);
      assert.equal(plan.code, 0, plan.stderr);
      assert.match(plan.stdout, /\+ would create: custom connector "Field Service Work Orders"/);
      assert.equal(w.platform.writes().length, 0);
      w.platform.validationMessage = "Swagger validation produced warnings: Warning : the operation has no x-ms-visibility";
      const run = await w.publish(["--env", "dev", "--power-platform-env", ENVIRONMENT]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /note: validation: Swagger validation produced warnings: Warning : the operation has no x-ms-visibility/);
    } finally {
      await w.dispose();
    }
  });

  test("a per-connector redirect URL from the service is recorded, and the next provision adds it to the registration", async () => {
    const w = await world(null);
    const graph = await new FakeGraph().start();
    try {
      const provision = (args: string[]) => runCommand((io) => runProvision(args, { ...io, cwd: w.root, credential: new TestCredential(), testing: { graphUrl: graph.url, ...NO_WAIT } }));
      // From an empty tenant: provision, bundle, publish with nothing typed but the host and the environment.
      assert.equal((await provision(["--env", "dev", "--host", "conduit-dev.azurewebsites.net"])).code, 0);
      await w.bundle();
      w.platform.redirectUrl = "https://global.consent.azure-apim.net/redirect/field-20service-5f0123456789abcdef";
      const run = await w.publish(["--env", "dev", "--power-platform-env", ENVIRONMENT]);
      assert.equal(run.code, 0, run.stderr);
      const [connector] = [...w.platform.connectors.values()];
      const env = parseEnv(await readFile(path.join(w.root, ".env.dev"), "utf8"));
      assert.equal(connector?.secret, env["CONDUIT_CLIENT_SECRET"], "the secret provision made is the one the connector got");
      assert.match(run.stdout, /run `conduit provision --env dev` to add it/);

      assert.equal((await provision(["--env", "dev"])).code, 0);
      const registration = graph.applicationByUniqueName("conduit-field-service-work-orders-dev-connector");
      assert.deepEqual(registration?.web?.redirectUris, ["https://global.consent.azure-apim.net/redirect", w.platform.redirectUrl]);
      assert.deepEqual(graph.problems, []);
      assert.deepEqual(w.platform.problems, []);
    } finally {
      await graph.close();
      await w.dispose();
    }
  });
});
