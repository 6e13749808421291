/** `conduit client --env`'s definition: bundle's, from only the values it uses, read and refused as bundle does. */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { UserError } from "../../scripts/diagnostics.js";
import { fixedEnvironment, loadEnvironment } from "../../scripts/bundle/environment.js";
import { buildConnectorPackage, buildEnvironmentDefinition } from "../../scripts/bundle/package.js";
import { stringifyJson } from "../../scripts/bundle/ordered.js";
import { projectLayout } from "../../scripts/project.js";
import { SAMPLE_VALUES, sampleProject } from "./project.js";

test("host and tenant are enough, and the definition is the one bundle writes with every value", async () => {
  const project = await sampleProject();
  try {
    const layout = projectLayout(project.root);
    await writeFile(path.join(project.root, ".env.dev"), `CONDUIT_HOST=${SAMPLE_VALUES["CONDUIT_HOST"]}\nCONDUIT_TENANT_ID=${SAMPLE_VALUES["CONDUIT_TENANT_ID"]}\n`);
    const definition = await buildEnvironmentDefinition({ layout, environment: await loadEnvironment(project.root, "dev", {}) });
    const bundled = await buildConnectorPackage({ layout, environment: fixedEnvironment(SAMPLE_VALUES, "dev"), includeSecrets: false });
    assert.equal(stringifyJson(definition), stringifyJson(bundled.definition));
    assert.equal(definition.get("host"), SAMPLE_VALUES["CONDUIT_HOST"]);
  } finally {
    await project.dispose();
  }
});

test("a missing .env.NAME: bundle's message, naming only the values the definition needs and the file", async () => {
  const project = await sampleProject();
  try {
    await assert.rejects(buildEnvironmentDefinition({ layout: projectLayout(project.root), environment: await loadEnvironment(project.root, "nope", {}) }), (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.equal(error.exitCode, 2);
      assert.equal(
        error.message,
        '2 values are missing for environment "nope": CONDUIT_HOST, CONDUIT_TENANT_ID. Set them as environment variables or in .env.nope (git-ignored; it does not exist yet)',
      );
      return true;
    });
  } finally {
    await project.dispose();
  }
});

test("a stand-in host is refused as bundle refuses it", async () => {
  const project = await sampleProject({ ".env.example": "CONDUIT_HOST=myapp-dev.azurewebsites.net\n" });
  try {
    await writeFile(path.join(project.root, ".env.dev"), `CONDUIT_HOST=myapp-dev.azurewebsites.net\nCONDUIT_TENANT_ID=${SAMPLE_VALUES["CONDUIT_TENANT_ID"]}\n`);
    await assert.rejects(
      buildEnvironmentDefinition({ layout: projectLayout(project.root), environment: await loadEnvironment(project.root, "dev", {}) }),
      (error: unknown) => {
        assert.ok(error instanceof UserError);
        assert.match(error.message, /\.env\.dev:1 {2}CONDUIT_HOST=myapp-dev\.azurewebsites\.net is the sample value from \.env\.example/);
        assert.doesNotMatch(error.message, /--allow-example-values/, "client has no such flag");
        return true;
      },
    );
  } finally {
    await project.dispose();
  }
});
