import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_MAX_BODY_BYTES, readRuntimeSettings, SettingsError } from "../../src/runtime/settings.js";

describe("runtime settings, resolved in one place", () => {
  test("development: enforce responses, 1 MiB bodies", () => {
    assert.deepEqual(readRuntimeSettings({}), { maxBodyBytes: DEFAULT_MAX_BODY_BYTES, responseValidation: "enforce" });
    assert.equal(DEFAULT_MAX_BODY_BYTES, 1_048_576);
  });

  test("production (either way Azure or Node says it) logs response mismatches instead", () => {
    assert.equal(readRuntimeSettings({ AZURE_FUNCTIONS_ENVIRONMENT: "Production" }).responseValidation, "log");
    assert.equal(readRuntimeSettings({ NODE_ENV: "production" }).responseValidation, "log");
    assert.equal(readRuntimeSettings({ AZURE_FUNCTIONS_ENVIRONMENT: "Development" }).responseValidation, "enforce");
  });

  test("explicit settings win, case and spaces aside", () => {
    const settings = readRuntimeSettings({ NODE_ENV: "production", CONDUIT_RESPONSE_VALIDATION: " Enforce ", CONDUIT_MAX_BODY_BYTES: "2048" });
    assert.deepEqual(settings, { maxBodyBytes: 2048, responseValidation: "enforce" });
    assert.equal(readRuntimeSettings({ CONDUIT_RESPONSE_VALIDATION: "off" }).responseValidation, "off");
  });

  test("the public origin for links: CONDUIT_PUBLIC_ORIGIN, else the app's own host name in Azure, else none", () => {
    assert.equal(readRuntimeSettings({ CONDUIT_PUBLIC_ORIGIN: "https://api.contoso.com/" }).publicOrigin, "https://api.contoso.com");
    assert.equal(readRuntimeSettings({ CONDUIT_PUBLIC_ORIGIN: "https://api.contoso.com:8443", WEBSITE_HOSTNAME: "app.azurewebsites.net" }).publicOrigin, "https://api.contoso.com:8443");
    assert.equal(readRuntimeSettings({ WEBSITE_HOSTNAME: "app.azurewebsites.net" }).publicOrigin, "https://app.azurewebsites.net");
    assert.equal(readRuntimeSettings({ CONDUIT_PUBLIC_ORIGIN: "http://127.0.0.1:7071" }).publicOrigin, "http://127.0.0.1:7071");
    assert.equal(readRuntimeSettings({}).publicOrigin, undefined);
    for (const bad of ["api.contoso.com", "http://api.contoso.com", "https://api.contoso.com/api", "https://api.contoso.com?x=1"]) {
      assert.throws(() => readRuntimeSettings({ CONDUIT_PUBLIC_ORIGIN: bad }), /CONDUIT_PUBLIC_ORIGIN/, bad);
    }
  });

  test("a wrong value stops start-up with the setting, what it is, and what it may be", () => {
    assert.throws(() => readRuntimeSettings({ CONDUIT_RESPONSE_VALIDATION: "strict" }), (error: unknown) => {
      assert.ok(error instanceof SettingsError);
      assert.equal(error.message, 'CONDUIT_RESPONSE_VALIDATION must be off, log or enforce; it is "strict"');
      return true;
    });
    for (const bad of ["1MB", "0", "-5", "1.5"]) {
      assert.throws(() => readRuntimeSettings({ CONDUIT_MAX_BODY_BYTES: bad }), /CONDUIT_MAX_BODY_BYTES must be a positive whole number of bytes/);
    }
  });
});
