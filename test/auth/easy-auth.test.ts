import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createAuthGuard, type AuthOutcome } from "../../src/auth/guard.js";
import { resolveAuthConfig } from "../../src/auth/config.js";
import { request, SECURED } from "./harness.js";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "66666666-7777-8888-9999-000000000000";
const OID = "5f1d2a9e-1111-4c2d-9e3f-4a5b6c7d8e9f";

/** The principal App Service Authentication injects for an Entra bearer token, with its long claim types. */
function principalHeaders(claims: Record<string, string | string[]>, extra: Record<string, string> = {}): Record<string, string> {
  const entries = Object.entries(claims).flatMap(([typ, val]) => (Array.isArray(val) ? val : [val]).map((v) => ({ typ, val: v })));
  const principal = {
    auth_typ: "aad",
    claims: entries,
    name_typ: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
    role_typ: "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
  };
  return { "x-ms-client-principal": Buffer.from(JSON.stringify(principal)).toString("base64"), ...extra };
}

const USER_CLAIMS = {
  aud: CLIENT,
  iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
  "http://schemas.microsoft.com/identity/claims/objectidentifier": OID,
  "http://schemas.microsoft.com/identity/claims/tenantid": TENANT,
  "http://schemas.microsoft.com/identity/claims/scope": "user_impersonation Files.Read",
  name: "Ana Lopez",
  preferred_username: "ana@contoso.com",
  ver: "2.0",
};

const APP_SERVICE_HEADERS = { "x-ms-client-principal-id": OID, "x-ms-client-principal-name": "ana@contoso.com", "x-ms-client-principal-idp": "aad" };

function guard(settings: Record<string, string> = {}) {
  return createAuthGuard(resolveAuthConfig({ CONDUIT_AUTH_MODE: "easyauth", WEBSITE_AUTH_ENABLED: "True", ...settings }));
}

function callerOf(outcome: AuthOutcome) {
  assert.equal(outcome.ok, true, outcome.ok ? "" : outcome.log);
  if (!outcome.ok || !outcome.caller) throw new Error("no caller");
  return outcome.caller;
}

describe("App Service Authentication (Easy Auth)", () => {
  test("the principal becomes the caller, claims folded to their token names", async () => {
    const caller = callerOf(await guard().authorize(request(principalHeaders(USER_CLAIMS, APP_SERVICE_HEADERS)), SECURED));
    assert.equal(caller.objectId, OID);
    assert.equal(caller.tenantId, TENANT);
    assert.equal(caller.name, "Ana Lopez");
    assert.equal(caller.userPrincipalName, "ana@contoso.com");
    assert.deepEqual(caller.scopes, ["user_impersonation", "Files.Read"]);
    assert.equal(caller.source, "easyauth");
    assert.equal(caller.claims["aud"], CLIENT);
  });

  test("an app-only principal (no name headers, which request.user insists on) is still read; roles by role_typ", async () => {
    const claims = {
      aud: CLIENT,
      "http://schemas.microsoft.com/identity/claims/objectidentifier": OID,
      "http://schemas.microsoft.com/identity/claims/tenantid": TENANT,
      "http://schemas.microsoft.com/ws/2008/06/identity/claims/role": ["user_impersonation", "WorkOrders.Admin"],
    };
    const caller = callerOf(await guard().authorize(request(principalHeaders(claims)), { ...SECURED, appRoles: ["WorkOrders.Admin"] }));
    assert.deepEqual(caller.roles, ["user_impersonation", "WorkOrders.Admin"]);
    const refused = await guard().authorize(request(principalHeaders(claims)), SECURED);
    assert.equal(refused.ok, false, "a role named like the scope does not pass for the scope");
    assert.equal(caller.name, undefined);
  });

  test("no principal: 401 with a bare Bearer challenge", async () => {
    const outcome = await guard().authorize(request({ authorization: "Bearer a.b.c" }), SECURED);
    assert.equal(outcome.ok, false);
    if (outcome.ok) return;
    assert.equal(outcome.response.status, 401);
    assert.equal(new Headers(outcome.response.headers as Record<string, string>).get("www-authenticate"), "Bearer");
  });

  test("a principal that is not base64 JSON, or has no claims: 401, not 500", async () => {
    for (const value of ["%%%not-base64", Buffer.from("[1,2]").toString("base64"), Buffer.from("{}").toString("base64")]) {
      const outcome = await guard().authorize(request({ "x-ms-client-principal": value, ...APP_SERVICE_HEADERS }), SECURED);
      assert.equal(outcome.ok, false);
      if (!outcome.ok) assert.equal(outcome.response.status, 401);
    }
  });

  test("a missing scope: 403 insufficient_scope", async () => {
    const claims = { ...USER_CLAIMS, "http://schemas.microsoft.com/identity/claims/scope": "Files.Read" };
    const outcome = await guard().authorize(request(principalHeaders(claims, APP_SERVICE_HEADERS)), SECURED);
    assert.equal(outcome.ok, false);
    if (!outcome.ok) assert.equal(outcome.response.status, 403);
  });

  test("tenant and audience, when configured, are checked too", async () => {
    const pinned = guard({ CONDUIT_AUTH_TENANT_ID: "0b5c4d1e-0000-4a6b-9c1d-7e2f3a4b5c6d" });
    const other = await pinned.authorize(request(principalHeaders(USER_CLAIMS, APP_SERVICE_HEADERS)), SECURED);
    assert.equal(other.ok, false);
    const audience = guard({ CONDUIT_AUTH_AUDIENCES: `api://${CLIENT}` });
    const wrong = await audience.authorize(request(principalHeaders(USER_CLAIMS, APP_SERVICE_HEADERS)), SECURED);
    assert.equal(wrong.ok, false);
    const right = guard({ CONDUIT_AUTH_TENANT_ID: TENANT, CONDUIT_AUTH_AUDIENCES: `${CLIENT},api://${CLIENT}` });
    callerOf(await right.authorize(request(principalHeaders(USER_CLAIMS, APP_SERVICE_HEADERS)), SECURED));
  });
});
