import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { AuthConfigError, describeAuthConfig, resolveAuthConfig, type AuthConfig } from "../../src/auth/config.js";
import { authGuardFromSettings } from "../../src/auth/guard.js";
import { SECURED } from "./harness.js";

const TENANT = "72F988BF-86F1-41AF-91AB-2D7CD011DB47";
const CLIENT = "66666666-7777-8888-9999-000000000000";

function problems(settings: Record<string, string>, needed = true): readonly string[] {
  try {
    resolveAuthConfig(settings, { needed });
  } catch (error) {
    assert.ok(error instanceof AuthConfigError, String(error));
    return error.problems;
  }
  assert.fail("the settings were accepted");
}

describe("auth settings", () => {
  test("validate against Entra: tenant pinned, both audiences, the tenant's v2.0 discovery document", () => {
    const config = resolveAuthConfig({
      CONDUIT_AUTH_MODE: "validate",
      CONDUIT_AUTH_TENANT_ID: TENANT,
      CONDUIT_AUTH_AUDIENCES: `${CLIENT}, api://${CLIENT}`,
    });
    assert.deepEqual(config, {
      mode: "validate",
      tenantId: TENANT.toLowerCase(),
      tenants: [TENANT.toLowerCase()],
      audiences: [CLIENT, `api://${CLIENT}`],
      metadataUrl: `https://login.microsoftonline.com/${TENANT.toLowerCase()}/v2.0/.well-known/openid-configuration`,
      issuers: "entra",
      clockSkewSeconds: 60,
    } satisfies AuthConfig);
    assert.match(describeAuthConfig(config), /validates bearer tokens/);
  });

  test("an unset mode means validate when an operation declares OAuth 2, so missing settings stop start-up", () => {
    const found = problems({});
    assert.equal(found.length, 2);
    assert.match(found[0] ?? "", /CONDUIT_AUTH_TENANT_ID is not set/);
    assert.match(found[1] ?? "", /CONDUIT_AUTH_AUDIENCES is not set/);
    assert.throws(() => authGuardFromSettings([SECURED], {}), AuthConfigError);
  });

  test("an unset mode means off when no operation needs a caller", () => {
    assert.deepEqual(resolveAuthConfig({}, { needed: false }), { mode: "off" });
    assert.equal(authGuardFromSettings([{ security: [] }], {}).config.mode, "off");
  });

  test("validate without a tenant, or without an audience, does not start", () => {
    assert.match(problems({ CONDUIT_AUTH_MODE: "validate", CONDUIT_AUTH_AUDIENCES: CLIENT }).join("\n"), /CONDUIT_AUTH_TENANT_ID is not set/);
    assert.match(problems({ CONDUIT_AUTH_MODE: "validate", CONDUIT_AUTH_TENANT_ID: TENANT }).join("\n"), /CONDUIT_AUTH_AUDIENCES is not set/);
    assert.match(problems({ CONDUIT_AUTH_MODE: "validate", CONDUIT_AUTH_TENANT_ID: TENANT, CONDUIT_AUTH_AUDIENCES: " , " }).join("\n"), /AUDIENCES is not set|neither/);
  });

  test("values that cannot pin anything are refused with the fix", () => {
    const found = problems({
      CONDUIT_AUTH_MODE: "Validate",
      CONDUIT_AUTH_TENANT_ID: "common",
      CONDUIT_AUTH_AUDIENCES: "my app",
      CONDUIT_AUTH_ALLOWED_TENANTS: "contoso.onmicrosoft.com",
      CONDUIT_AUTH_METADATA_URL: "http://login.example.com/.well-known/openid-configuration",
      CONDUIT_AUTH_CLOCK_SKEW_SECONDS: "3600",
    });
    const text = found.join("\n");
    assert.match(text, /CONDUIT_AUTH_TENANT_ID: "common" is not a tenant id/);
    assert.match(text, /CONDUIT_AUTH_ALLOWED_TENANTS: "contoso.onmicrosoft.com" is not a tenant id/);
    assert.match(text, /CONDUIT_AUTH_AUDIENCES: "my" is neither/);
    assert.match(text, /CONDUIT_AUTH_METADATA_URL: .* must use https/);
    assert.match(text, /CONDUIT_AUTH_CLOCK_SKEW_SECONDS: "3600"/);
  });

  test("an unknown mode is refused", () => {
    assert.match(problems({ CONDUIT_AUTH_MODE: "none" })[0] ?? "", /"none" is not a mode: use validate, easyauth or off/);
  });

  test("a non-default issuer (plain http only on loopback) is trusted through its own discovery document", () => {
    const config = resolveAuthConfig({
      CONDUIT_AUTH_TENANT_ID: TENANT,
      CONDUIT_AUTH_AUDIENCES: CLIENT,
      CONDUIT_AUTH_ALLOWED_TENANTS: "0b5c4d1e-0000-4a6b-9c1d-7e2f3a4b5c6d;" + TENANT,
      CONDUIT_AUTH_METADATA_URL: "http://127.0.0.1:7072/t/v2.0/.well-known/openid-configuration",
    });
    assert.equal(config.mode, "validate");
    if (config.mode !== "validate") return;
    assert.equal(config.issuers, "metadata");
    assert.deepEqual(config.tenants, [TENANT.toLowerCase(), "0b5c4d1e-0000-4a6b-9c1d-7e2f3a4b5c6d"]);
  });

  test("easyauth needs App Service Authentication to be on: otherwise a client could send its own principal", () => {
    assert.match(problems({ CONDUIT_AUTH_MODE: "easyauth" })[0] ?? "", /WEBSITE_AUTH_ENABLED is not True/);
    assert.deepEqual(resolveAuthConfig({ CONDUIT_AUTH_MODE: "easyauth", WEBSITE_AUTH_ENABLED: "True" }), {
      mode: "easyauth",
      tenants: undefined,
      audiences: undefined,
    });
    assert.deepEqual(resolveAuthConfig({ CONDUIT_AUTH_MODE: "easyauth", WEBSITE_AUTH_ENABLED: "true", CONDUIT_AUTH_TENANT_ID: TENANT, CONDUIT_AUTH_AUDIENCES: CLIENT }), {
      mode: "easyauth",
      tenants: [TENANT.toLowerCase()],
      audiences: [CLIENT],
    });
  });

  test("off is taken at its word", () => {
    assert.deepEqual(resolveAuthConfig({ CONDUIT_AUTH_MODE: "off", CONDUIT_AUTH_TENANT_ID: "junk" }), { mode: "off" });
  });
});
