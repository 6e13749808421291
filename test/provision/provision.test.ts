import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { parseEnv } from "node:util";
import { loadEnvironment } from "../../scripts/bundle/environment.js";
import { buildConnectorPackage } from "../../scripts/bundle/package.js";
import { projectLayout } from "../../scripts/project.js";
import { GLOBAL_REDIRECT_URL } from "../../scripts/bundle/properties.js";
import { graphBodyProblems } from "./graph-shapes.js";
import { provisionWorld } from "./harness.js";
import { TENANT_ID } from "./credential.js";

const HOST = "conduit-dev.azurewebsites.net";

async function envValues(root: string, name = "dev"): Promise<Record<string, string | undefined>> {
  return parseEnv(await readFile(path.join(root, `.env.${name}`), "utf8"));
}

describe("conduit provision against a stateful Graph on 127.0.0.1", () => {
  test("an empty tenant: both registrations, service principals, consent and a secret; .env.dev is all bundle needs", async () => {
    const world = await provisionWorld();
    try {
      const run = await world.provision(["--env", "dev", "--host", HOST]);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(world.graph.problems, []);

      const api = world.graph.applicationByUniqueName("conduit-field-service-work-orders-dev-api");
      const connector = world.graph.applicationByUniqueName("conduit-field-service-work-orders-dev-connector");
      assert.ok(api && connector, "both registrations exist under their uniqueName");
      assert.equal(api.signInAudience, "AzureADMyOrg");
      assert.deepEqual(api.identifierUris, [`api://${api.appId}`]);
      assert.equal(api.api?.requestedAccessTokenVersion, 2);
      const scope = api.api?.oauth2PermissionScopes?.find((s) => s.value === "user_impersonation");
      assert.ok(scope?.isEnabled && scope.id);
      assert.deepEqual(api.api?.preAuthorizedApplications, [{ appId: connector.appId, delegatedPermissionIds: [scope.id] }]);
      assert.equal(connector.signInAudience, "AzureADMyOrg");
      assert.deepEqual(connector.web?.redirectUris, [GLOBAL_REDIRECT_URL]);
      assert.deepEqual(connector.requiredResourceAccess, [{ resourceAppId: api.appId, resourceAccess: [{ id: scope.id, type: "Scope" }] }]);
      assert.equal(connector.passwordCredentials?.length, 1);
      assert.equal(world.graph.servicePrincipals.size, 2);
      const grants = [...world.graph.grants.values()];
      assert.equal(grants.length, 1);
      assert.equal(grants[0]?.consentType, "AllPrincipals");
      assert.equal(grants[0]?.scope, "user_impersonation");

      const env = await envValues(world.root);
      assert.equal(env["CONDUIT_TENANT_ID"], TENANT_ID);
      assert.equal(env["CONDUIT_CLIENT_ID"], connector.appId);
      assert.equal(env["CONDUIT_SCOPE"], `api://${api.appId}/user_impersonation`);
      assert.equal(env["CONDUIT_HOST"], HOST);
      assert.equal(env["CONDUIT_CLIENT_SECRET_KEY_ID"], connector.passwordCredentials?.[0]?.keyId);
      const secret = env["CONDUIT_CLIENT_SECRET"];
      assert.ok(secret && secret.length > 20);
      assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), "the secret is never printed");
      assert.equal((await stat(path.join(world.root, ".env.dev"))).mode & 0o777, 0o600);

      // The function app settings to apply, for this tenant and registration.
      assert.match(run.stdout, new RegExp(`CONDUIT_AUTH_TENANT_ID=${TENANT_ID}`));
      assert.match(run.stdout, new RegExp(`CONDUIT_AUTH_AUDIENCES=${api.appId},api://${api.appId}`));
      assert.match(run.stdout, /az functionapp config appsettings set -g <resource-group> -n conduit-dev /);

      // Nothing typed by hand: bundle reads .env.dev as provision left it.
      const environment = await loadEnvironment(world.root, "dev", {});
      const pkg = await buildConnectorPackage({ layout: projectLayout(world.root), environment, includeSecrets: false });
      const token = (pkg.properties.get("properties") as Map<string, unknown>).get("connectionParameters") as Map<string, Map<string, Map<string, unknown>>>;
      const settings = token.get("token")?.get("oAuthSettings");
      assert.equal(settings?.get("clientId"), connector.appId);
      assert.deepEqual(settings?.get("scopes"), [`api://${api.appId}/user_impersonation offline_access`]);
      assert.equal(pkg.definition.get("host"), HOST);
    } finally {
      await world.dispose();
    }
  });

  test("a second run changes nothing: no write to Graph, .env.dev byte for byte the same", async () => {
    const world = await provisionWorld();
    try {
      assert.equal((await world.provision(["--env", "dev", "--host", HOST])).code, 0);
      const before = await readFile(path.join(world.root, ".env.dev"), "utf8");
      const writes = world.graph.writes().length;
      const again = await world.provision(["--env", "dev"]);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(world.graph.writes().length, writes, `no writes: ${world.graph.writes().slice(writes).map((r) => `${r.method} ${r.path}`).join(", ")}`);
      assert.equal(await readFile(path.join(world.root, ".env.dev"), "utf8"), before);
      assert.doesNotMatch(again.stdout, /^[+~]/m);
      assert.match(again.stdout, /\.env\.dev: up to date/);
      const plan = await world.provision(["--env", "dev", "--plan"]);
      assert.equal(plan.code, 0, plan.stdout);
      assert.match(plan.stdout, /--plan: nothing to change/);
    } finally {
      await world.dispose();
    }
  });

  test("--plan on an empty tenant says what it would create, writes nothing to Graph or disk, exits 1", async () => {
    const world = await provisionWorld();
    try {
      const plan = await world.provision(["--env", "dev", "--plan"]);
      assert.equal(plan.code, 1, plan.stderr);
      assert.deepEqual(world.graph.writes(), []);
      await assert.rejects(stat(path.join(world.root, ".env.dev")), { code: "ENOENT" });
      for (const expected of [
        /\+ would create: function app registration "Field Service Work Orders API \(dev\)"/,
        /uniqueName conduit-field-service-work-orders-dev-api/,
        /api\.requestedAccessTokenVersion 2/,
        /\+ would create: connector registration/,
        /web\.redirectUris: https:\/\/global\.consent\.azure-apim\.net\/redirect/,
        /\+ would create: client secret/,
        /would receive: .*CONDUIT_CLIENT_SECRET/,
      ]) {
        assert.match(plan.stdout, expected);
      }
    } finally {
      await world.dispose();
    }
  });

  test("the secret step fails after the registrations exist; the re-run adds only the secret", async () => {
    const world = await provisionWorld();
    try {
      world.graph.fail("POST", /\/addPassword$/, 500, "InternalServerError", "The service is temporarily unavailable.", 1);
      const failed = await world.provision(["--env", "dev", "--host", HOST]);
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /Microsoft Graph answered POST \/applications\/[^/]+\/addPassword with 500 InternalServerError/);
      assert.match(failed.stderr, /run `conduit provision --env dev` again/);
      const partial = await envValues(world.root);
      assert.ok(partial["CONDUIT_CLIENT_ID"] && partial["CONDUIT_SCOPE"], "what exists is recorded");
      assert.equal(partial["CONDUIT_CLIENT_SECRET"], undefined);
      assert.equal(world.graph.applications.size, 2);

      const writes = world.graph.writes().length;
      const rerun = await world.provision(["--env", "dev"]);
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.deepEqual(
        world.graph.writes().slice(writes).map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, "<id>")}`),
        ["POST /applications/<id>/addPassword"],
      );
      assert.equal(world.graph.applications.size, 2, "nothing created twice");
      const env = await envValues(world.root);
      assert.ok(env["CONDUIT_CLIENT_SECRET"]);
      assert.equal(env["CONDUIT_CLIENT_ID"], partial["CONDUIT_CLIENT_ID"]);
      assert.deepEqual(world.graph.problems, []);
    } finally {
      await world.dispose();
    }
  });

  test("a failure between creating the function app registration and its identifier URI is finished by the re-run", async () => {
    const world = await provisionWorld();
    try {
      world.graph.fail("PATCH", /^\/applications\/[^/(]+$/, 503, "ServiceUnavailable", "Service unavailable.", 5);
      const failed = await world.provision(["--env", "dev"]);
      assert.equal(failed.code, 1);
      const api = world.graph.applicationByUniqueName("conduit-field-service-work-orders-dev-api");
      assert.deepEqual(api?.identifierUris, []);
      const rerun = await world.provision(["--env", "dev"]);
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.match(rerun.stdout, /~ updated: function app registration .*\n\s+identifierUris: \+ api:\/\//);
      assert.deepEqual(api?.identifierUris, [`api://${api?.appId}`]);
      assert.equal(world.graph.applications.size, 2);
    } finally {
      await world.dispose();
    }
  });

  test("without an administrator role the consent is skipped with the admin-consent URL; the rest is done, exit 0", async () => {
    const world = await provisionWorld();
    try {
      world.graph.admin = false;
      const run = await world.provision(["--env", "dev"]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /! skipped: admin consent/);
      const connector = world.graph.applicationByUniqueName("conduit-field-service-work-orders-dev-connector");
      assert.match(run.stdout, new RegExp(`https://login\\.microsoftonline\\.com/${TENANT_ID}/adminconsent\\?client_id=${connector?.appId}`));
      assert.equal(world.graph.grants.size, 0);
      assert.ok((await envValues(world.root))["CONDUIT_CLIENT_SECRET"]);
      assert.deepEqual(world.graph.problems, []);
    } finally {
      await world.dispose();
    }
  });

  test("throttling (429 with Retry-After) and replication lag are waited out", async () => {
    const world = await provisionWorld();
    try {
      world.graph.replicationLag = 2;
      world.graph.fail("GET", /^\/applications\(uniqueName=/, 429, "TooManyRequests", "Too many requests.", 2, { "retry-after": "0" });
      const run = await world.provision(["--env", "dev"]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(world.graph.servicePrincipals.size, 2);
      const spCreates = world.graph.requests.filter((r) => r.method === "POST" && r.path === "/servicePrincipals").length;
      assert.equal(spCreates, 6, "two refused while replicating, then created, for each registration");
    } finally {
      await world.dispose();
    }
  });

  test("drift is repaired and what a person added is kept", async () => {
    const world = await provisionWorld();
    try {
      assert.equal((await world.provision(["--env", "dev"])).code, 0);
      const api = world.graph.applicationByUniqueName("conduit-field-service-work-orders-dev-api");
      const connector = world.graph.applicationByUniqueName("conduit-field-service-work-orders-dev-connector");
      assert.ok(api && connector);
      // In the portal: token version back to the default, a second redirect URI instead of Power Platform's.
      api.api = { ...api.api, requestedAccessTokenVersion: null };
      connector.web = { ...connector.web, redirectUris: ["https://example.org/callback"], homePageUrl: "https://example.org" };
      const plan = await world.provision(["--env", "dev", "--plan"]);
      assert.equal(plan.code, 1);
      assert.match(plan.stdout, /api\.requestedAccessTokenVersion: null \(v1\) → 2/);
      assert.match(plan.stdout, /web\.redirectUris: \+ https:\/\/global\.consent\.azure-apim\.net\/redirect/);
      const run = await world.provision(["--env", "dev"]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(api.api?.requestedAccessTokenVersion, 2);
      assert.equal(api.api?.preAuthorizedApplications?.length, 1, "the rest of api is sent back as it was");
      assert.deepEqual(connector.web?.redirectUris, ["https://example.org/callback", GLOBAL_REDIRECT_URL]);
      assert.equal(connector.web?.homePageUrl, "https://example.org");
      assert.deepEqual(world.graph.problems, []);
    } finally {
      await world.dispose();
    }
  });

  test("registrations made by hand, recorded by client id in .env.dev, are adopted rather than duplicated", async () => {
    const world = await provisionWorld();
    try {
      assert.equal((await world.provision(["--env", "first"])).code, 0);
      const first = await envValues(world.root, "first");
      // The same registrations, found through the client ids a person wrote into another env file.
      await writeFile(path.join(world.root, ".env.dev"), `CONDUIT_CLIENT_ID=${first["CONDUIT_CLIENT_ID"]}\nCONDUIT_API_CLIENT_ID=${first["CONDUIT_API_CLIENT_ID"]}\n`);
      const run = await world.provision(["--env", "dev"]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(world.graph.applications.size, 2);
      assert.equal((await envValues(world.root))["CONDUIT_CLIENT_ID"], first["CONDUIT_CLIENT_ID"]);
    } finally {
      await world.dispose();
    }
  });

  test("the other lines of .env.dev are kept, values replaced where they stand", async () => {
    const world = await provisionWorld();
    try {
      const original = ["# dev environment", "CONDUIT_FUNCTION_KEY='abc#def'", "CONDUIT_HOST=old.azurewebsites.net", "", "OTHER=1", ""].join("\n");
      await writeFile(path.join(world.root, ".env.dev"), original);
      assert.equal((await world.provision(["--env", "dev", "--host", HOST])).code, 0);
      const text = await readFile(path.join(world.root, ".env.dev"), "utf8");
      const lines = text.split("\n");
      assert.deepEqual(lines.slice(0, 5), ["# dev environment", "CONDUIT_FUNCTION_KEY='abc#def'", `CONDUIT_HOST=${HOST}`, "", "OTHER=1"]);
      const env = parseEnv(text);
      assert.equal(env["CONDUIT_FUNCTION_KEY"], "abc#def");
      assert.equal(env["OTHER"], "1");
    } finally {
      await world.dispose();
    }
  });

  test("a secret near its end is reported and kept; --rotate-secret replaces it; an expired one is replaced anyway", async () => {
    const world = await provisionWorld();
    try {
      assert.equal((await world.provision(["--env", "dev", "--secret-days", "40"])).code, 0);
      const first = await envValues(world.root);
      const later = (days: number) => () => new Date(Date.now() + days * 86_400_000);

      const near = await world.provision(["--env", "dev"], { now: later(20) });
      assert.equal(near.code, 0);
      assert.match(near.stdout, /the client secret ends in 1\d days: run `conduit provision --env dev --rotate-secret`/);
      assert.equal((await envValues(world.root))["CONDUIT_CLIENT_SECRET"], first["CONDUIT_CLIENT_SECRET"]);

      const rotated = await world.provision(["--env", "dev", "--rotate-secret"], { now: later(20) });
      assert.equal(rotated.code, 0, rotated.stderr);
      assert.match(rotated.stdout, /stays valid until/);
      const second = await envValues(world.root);
      assert.notEqual(second["CONDUIT_CLIENT_SECRET"], first["CONDUIT_CLIENT_SECRET"]);
      assert.notEqual(second["CONDUIT_CLIENT_SECRET_KEY_ID"], first["CONDUIT_CLIENT_SECRET_KEY_ID"]);
      const connector = world.graph.applicationByUniqueName("conduit-field-service-work-orders-dev-connector");
      assert.equal(connector?.passwordCredentials?.length, 2, "the old one is left to expire");

      const expired = await world.provision(["--env", "dev"], { now: later(20 + 200) });
      assert.equal(expired.code, 0);
      assert.match(expired.stdout, /expired on/);
      assert.notEqual((await envValues(world.root))["CONDUIT_CLIENT_SECRET"], second["CONDUIT_CLIENT_SECRET"]);
    } finally {
      await world.dispose();
    }
  });

  test("an env file of another tenant is refused before anything is written", async () => {
    const world = await provisionWorld();
    try {
      await writeFile(path.join(world.root, ".env.dev"), "CONDUIT_TENANT_ID=11111111-2222-4333-8444-555555555555\n");
      const run = await world.provision(["--env", "dev"]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /belongs to tenant 11111111-2222-4333-8444-555555555555, but you are signed in to tenant/);
      assert.deepEqual(world.graph.requests, []);
    } finally {
      await world.dispose();
    }
  });

  test("an env file git would track is refused (it would hold the client secret)", async () => {
    const world = await provisionWorld();
    try {
      await promisify(execFile)("git", ["init", "-q"], { cwd: world.root });
      const run = await world.provision(["--env", "dev"]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /\.env\.dev is not ignored by git/);
      assert.deepEqual(world.graph.requests, []);
    } finally {
      await world.dispose();
    }
  });

  test("a failed sign-in is a message with the fix, not a stack", async () => {
    const world = await provisionWorld();
    try {
      const { TestCredential } = await import("./credential.js");
      const run = await world.provision(["--env", "dev"], { credential: new TestCredential({}, new Error("Azure CLI could not be found.\nmore")) });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /cannot sign in for https:\/\/graph\.microsoft\.com\/\.default: Azure CLI could not be found\. Sign in with `az login`/);
    } finally {
      await world.dispose();
    }
  });

  test("bad usage exits 2 with the fix", async () => {
    const world = await provisionWorld();
    try {
      assert.match((await world.provision([])).stderr, /provision needs --env NAME/);
      assert.equal((await world.provision(["--env", "dev", "--host", "https://x.azurewebsites.net/api"])).code, 2);
      assert.equal((await world.provision(["--env", "dev", "--secret-days", "1000"])).code, 2);
      assert.deepEqual(world.graph.requests, []);
    } finally {
      await world.dispose();
    }
  });
});

describe("the request-body check the fake applies (Microsoft's Graph types)", () => {
  test("finds a misspelt property, a wrong type and a read-only property, and passes provision's own bodies", () => {
    assert.deepEqual(graphBodyProblems("Application", { identifierUri: ["api://x"] }), ['$.identifierUri: Application has no property "identifierUri"']);
    assert.deepEqual(graphBodyProblems("Application", { api: { requestedAccessTokenVersion: "2" } }), ['$.api.requestedAccessTokenVersion: expected a number, got "2"']);
    assert.deepEqual(graphBodyProblems("Application", { appId: "x" }), ["$.appId: read-only in Application, a request must not set it"]);
    assert.deepEqual(graphBodyProblems("PasswordCredential", { secretText: "x" }), ["$.secretText: read-only in PasswordCredential, a request must not set it"]);
    assert.deepEqual(graphBodyProblems("Application", { web: { redirectUris: "https://x" } }), ['$.web.redirectUris: expected an array, got "https://x"']);
    assert.deepEqual(graphBodyProblems("Application", { api: null, requiredResourceAccess: [{ resourceAppId: "a", resourceAccess: [{ id: "b", type: "Scope" }] }] }), []);
  });
});
