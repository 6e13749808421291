/** Stand-in values (.env.example's own, `<your-…>` markers, one-digit GUIDs) are refused by bundle, each named with its file:line. */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { UserError } from "../../scripts/diagnostics.js";
import { loadEnvironment } from "../../scripts/bundle/environment.js";
import { exampleValueReason } from "../../scripts/bundle/example-values.js";
import { buildConnectorPackage } from "../../scripts/bundle/package.js";
import { projectLayout } from "../../scripts/project.js";
import { SAMPLE_VALUES, sampleProject } from "./project.js";

const envText = (values: Record<string, string>): string => `${Object.entries(values).map(([k, v]) => `${k}=${v}`).join("\n")}\n`;

test("what counts as a stand-in", () => {
  assert.equal(exampleValueReason("myapp-dev.azurewebsites.net", "myapp-dev.azurewebsites.net"), "the sample value from .env.example");
  assert.equal(exampleValueReason("<your-client-id>", undefined), "a placeholder to replace");
  assert.equal(exampleValueReason("api://<your-app-id>/user_impersonation", undefined), "a placeholder to replace");
  assert.equal(exampleValueReason("api://22222222-2222-2222-2222-222222222222/user_impersonation", undefined), "a made-up GUID");
  assert.equal(exampleValueReason("00000000-0000-0000-0000-000000000000", undefined), "a made-up GUID");
  for (const real of Object.values(SAMPLE_VALUES)) assert.equal(exampleValueReason(real, undefined), undefined, real);
});

test("bundle refuses .env.dev's stand-ins with the variable and file:line; --allow-example-values bundles with a note", async () => {
  const example = { CONDUIT_HOST: "myapp-dev.azurewebsites.net", CONDUIT_TENANT_ID: "00000000-0000-0000-0000-000000000000" };
  const project = await sampleProject({ ".env.example": envText(example) });
  try {
    await writeFile(path.join(project.root, ".env.dev"), envText({ ...SAMPLE_VALUES, CONDUIT_HOST: "myapp-dev.azurewebsites.net", CONDUIT_CLIENT_ID: "<your-client-id>" }));
    const environment = await loadEnvironment(project.root, "dev", {});
    const layout = projectLayout(project.root);
    await assert.rejects(buildConnectorPackage({ layout, environment, includeSecrets: false }), (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.equal(error.exitCode, 2);
      assert.match(error.message, /^2 values are examples, not real settings:\n/);
      assert.match(error.message, /\n {2}\.env\.dev:1 {2}CONDUIT_HOST=myapp-dev\.azurewebsites\.net is the sample value from \.env\.example, not this environment's value\n/);
      assert.match(error.message, /\n {2}\.env\.dev:3 {2}CONDUIT_CLIENT_ID=<your-client-id> is a placeholder to replace/);
      assert.match(error.message, /--allow-example-values/);
      return true;
    });
    // The environment wins over the file, and is named as the source.
    const fromProcess = await loadEnvironment(project.root, "dev", { CONDUIT_CLIENT_ID: SAMPLE_VALUES["CONDUIT_CLIENT_ID"]!, CONDUIT_HOST: "<your-host>" });
    await assert.rejects(buildConnectorPackage({ layout, environment: fromProcess, includeSecrets: false }), /^UserError: a value is an example, not real settings:\n {2}the environment {2}CONDUIT_HOST=<your-host>/);

    // A client id that is not a GUID is still refused as a value; the host from .env.example passes, with a note.
    const hostOnly = await loadEnvironment(project.root, "dev", { CONDUIT_CLIENT_ID: SAMPLE_VALUES["CONDUIT_CLIENT_ID"]! });
    const pkg = await buildConnectorPackage({ layout, environment: hostOnly, includeSecrets: false, allowExampleValues: true });
    assert.ok(pkg.notes.includes("built with example values (CONDUIT_HOST): a package to look at, not to upload"), pkg.notes.join("\n"));
  } finally {
    await project.dispose();
  }
});
