import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { HttpResponseInit } from "@azure/functions";
import { exportSPKI, importJWK, SignJWT } from "jose";
import { createAuthGuard, type AuthOutcome } from "../../src/auth/guard.js";
import { resolveAuthConfig, type ValidateConfig } from "../../src/auth/config.js";
import { newIssuerState, signingKey, type SigningKey } from "../../scripts/issuer/state.js";
import { base64url, bearer, request, SECURED, startTestIssuer, type TestIssuer } from "./harness.js";

const OTHER_TENANT = "0b5c4d1e-0000-4a6b-9c1d-7e2f3a4b5c6d";
const now = (): number => Math.floor(Date.now() / 1000);

function headersOf(response: HttpResponseInit): Headers {
  return new Headers(response.headers as Record<string, string>);
}

/** A refusal: the status, the RFC 6750 error (or none), a problem+json body; and no caller. */
function assertRefused(
  outcome: AuthOutcome,
  status: 401 | 403 | 503,
  error?: "invalid_token" | "insufficient_scope",
  reason?: string,
): { challenge: string; body: Record<string, unknown> } {
  assert.equal(outcome.ok, false, "the request is refused");
  if (outcome.ok) throw new Error("unreachable");
  if (reason !== undefined) assert.ok(outcome.log.startsWith(`${reason}:`), `refused for ${reason}, not: ${outcome.log}`);
  assert.equal(outcome.response.status, status);
  const headers = headersOf(outcome.response);
  assert.equal(headers.get("content-type"), "application/problem+json");
  const body = JSON.parse(String(outcome.response.body)) as Record<string, unknown>;
  assert.equal(body["status"], status);
  assert.equal(typeof body["title"], "string");
  const challenge = headers.get("www-authenticate") ?? "";
  if (status !== 503) assert.match(challenge, /^Bearer\b/);
  if (error) assert.match(challenge, new RegExp(`error="${error}"`));
  else if (status === 401) assert.equal(challenge, "Bearer", "no credentials: a bare challenge without an error code (RFC 6750 §3.1)");
  return { challenge, body };
}

function assertCaller(outcome: AuthOutcome): NonNullable<Extract<AuthOutcome, { ok: true }>["caller"]> {
  assert.equal(outcome.ok, true, outcome.ok ? "" : `refused: ${outcome.log}`);
  if (!outcome.ok || !outcome.caller) throw new Error("no caller");
  return outcome.caller;
}

describe("token validation against a loopback issuer", () => {
  let issuer: TestIssuer;
  let rogue: SigningKey;

  before(async () => {
    issuer = await startTestIssuer();
    rogue = await signingKey(await newIssuerState(0));
  });
  after(() => issuer.stop());

  test("a v2 token from the tenant, for the app, with the scope: the caller is the user", async () => {
    const guard = issuer.guard();
    const caller = assertCaller(await guard.authorize(request(bearer(await issuer.mint())), SECURED));
    assert.equal(caller.tenantId, issuer.state.tenantId);
    assert.match(caller.objectId, /^[0-9a-f-]{36}$/);
    assert.equal(caller.name, "Ana Lopez");
    assert.equal(caller.userPrincipalName, "ana.lopez@contoso.com");
    assert.deepEqual(caller.scopes, ["user_impersonation"]);
    assert.equal(caller.source, "token");
    assert.equal(caller.claims["ver"], "2.0");
    assert.equal(caller.clientAppId, caller.claims["azp"]);
  });

  test("the same user name gives the same object id; another user another", async () => {
    const guard = issuer.guard();
    const first = assertCaller(await guard.authorize(request(bearer(await issuer.mint({ user: "ben" }))), SECURED));
    const again = assertCaller(await guard.authorize(request(bearer(await issuer.mint({ user: "ben", lifetimeSeconds: 120 }))), SECURED));
    const other = assertCaller(await guard.authorize(request(bearer(await issuer.mint({ user: "cleo" }))), SECURED));
    assert.equal(first.objectId, again.objectId);
    assert.notEqual(first.objectId, other.objectId);
  });

  test("aud may be the Application ID URI as well as the client id", async () => {
    const token = await issuer.mint({ audience: `api://${issuer.state.clientId}` });
    assertCaller(await issuer.guard().authorize(request(bearer(token)), SECURED));
  });

  test("v1 and v2 tokens from Entra's issuers, each issuer only with its own version", async () => {
    const config = { ...(resolveAuthConfig(issuer.settings) as ValidateConfig), issuers: "entra" as const };
    const guard = createAuthGuard(config);
    const tid = issuer.state.tenantId;
    const v1 = await issuer.mint({
      issuer: `https://sts.windows.net/${tid}/`,
      audience: `api://${issuer.state.clientId}`,
      extraClaims: { ver: "1.0", upn: "ana@contoso.com", preferred_username: undefined, appid: "11111111-2222-3333-4444-555555555555", azp: undefined },
    });
    const caller = assertCaller(await guard.authorize(request(bearer(v1)), SECURED));
    assert.equal(caller.userPrincipalName, "ana@contoso.com");
    assert.equal(caller.clientAppId, "11111111-2222-3333-4444-555555555555");
    assertCaller(await guard.authorize(request(bearer(await issuer.mint({ issuer: `https://login.microsoftonline.com/${tid}/v2.0` }))), SECURED));
    const mixed = await issuer.mint({ issuer: `https://login.microsoftonline.com/${tid}/v2.0`, extraClaims: { ver: "1.0" } });
    assertRefused(await guard.authorize(request(bearer(mixed)), SECURED), 401, "invalid_token", "issuer");
    const local = await issuer.mint();
    assertRefused(await guard.authorize(request(bearer(local)), SECURED), 401, "invalid_token", "issuer");
  });

  test("app-only tokens are held to the operation's app roles (x-conduit-roles), never to its scopes", async () => {
    const appOnly = (roles: string[]) => issuer.mint({ scopes: [], roles, extraClaims: { name: undefined, preferred_username: undefined, idtyp: "app" } });
    // A role named like the scope is not the scope: scp and roles are checked separately.
    const lookalike = assertRefused(await issuer.guard().authorize(request(bearer(await appOnly(["user_impersonation"]))), SECURED), 403, "insufficient_scope");
    assert.match(String(lookalike.body["detail"]), /delegated tokens .* only/);
    const withRoles = { ...SECURED, appRoles: ["WorkOrders.ReadWrite.All"] };
    const caller = assertCaller(await issuer.guard().authorize(request(bearer(await appOnly(["WorkOrders.ReadWrite.All"]))), withRoles));
    assert.deepEqual(caller.roles, ["WorkOrders.ReadWrite.All"]);
    assert.equal(caller.name, undefined);
    const wrong = assertRefused(await issuer.guard().authorize(request(bearer(await appOnly(["WorkOrders.Read.All"]))), withRoles), 403, "insufficient_scope");
    assert.equal(wrong.body["roles"], "WorkOrders.ReadWrite.All");
    // A user's token with the app role but not the scope is still a user's token: it needs the scope.
    const userWithRole = await issuer.mint({ scopes: ["Files.Read"], roles: ["WorkOrders.ReadWrite.All"] });
    assertRefused(await issuer.guard().authorize(request(bearer(userWithRole)), withRoles), 403, "insufficient_scope");
  });

  test("a scope the spec names in full (api://<client id>/scope) is met by the short scp", async () => {
    const operation = { security: [[{ scheme: "oauth2_auth", type: "oauth2" as const, scopes: [`api://${issuer.state.clientId}/user_impersonation`] }]] };
    assertCaller(await issuer.guard().authorize(request(bearer(await issuer.mint())), operation));
  });

  test("an operation without OAuth 2 needs no token; auth off gives no caller", async () => {
    const open = await issuer.guard().authorize(request(), { security: [] });
    assert.deepEqual(open, { ok: true, caller: undefined });
    const anonymousAlternative = { security: [...SECURED.security, []] };
    assert.deepEqual(await issuer.guard().authorize(request(), anonymousAlternative), { ok: true, caller: undefined });
    const off = createAuthGuard(resolveAuthConfig({ CONDUIT_AUTH_MODE: "off" }));
    assert.deepEqual(await off.authorize(request(), SECURED), { ok: true, caller: undefined });
  });

  describe("refused with 401 invalid_token", () => {
    test("expired", async () => {
      const token = await issuer.mint({ issuedAt: now() - 7200, lifetimeSeconds: 3600 });
      const { challenge } = assertRefused(await issuer.guard().authorize(request(bearer(token)), SECURED), 401, "invalid_token", "expired");
      assert.match(challenge, /error_description="The access token expired"/);
    });

    test("expired less than the clock skew ago is still accepted; beyond it is not", async () => {
      const within = await issuer.mint({ issuedAt: now() - 3630, lifetimeSeconds: 3600 });
      assertCaller(await issuer.guard().authorize(request(bearer(within)), SECURED));
      assertRefused(await issuer.guard({ CONDUIT_AUTH_CLOCK_SKEW_SECONDS: "0" }).authorize(request(bearer(within)), SECURED), 401, "invalid_token", "expired");
    });

    test("not yet valid", async () => {
      const token = await issuer.mint({ notBeforeOffset: 600 });
      const { challenge } = assertRefused(await issuer.guard().authorize(request(bearer(token)), SECURED), 401, "invalid_token", "not-yet-valid");
      assert.match(challenge, /error_description="The access token is not valid yet"/);
    });

    test("wrong audience (another app's token), and none", async () => {
      const token = await issuer.mint({ audience: "https://graph.microsoft.com" });
      const { challenge } = assertRefused(await issuer.guard().authorize(request(bearer(token)), SECURED), 401, "invalid_token", "audience");
      assert.match(challenge, /error_description="The access token is for another audience"/);
      const none = await issuer.mint({ extraClaims: { aud: undefined } });
      assertRefused(await issuer.guard().authorize(request(bearer(none)), SECURED), 401, "invalid_token", "audience");
    });

    test("wrong issuer, signed with the right key", async () => {
      const token = await issuer.mint({ issuer: `https://login.microsoftonline.com/${issuer.state.tenantId}/v2.0` });
      const { challenge } = assertRefused(await issuer.guard().authorize(request(bearer(token)), SECURED), 401, "invalid_token", "issuer");
      // A genuine token may learn which check failed, never the value expected.
      assert.match(challenge, /error_description="The access token is from another issuer"/);
      assert.doesNotMatch(challenge, /127\.0\.0\.1|login\.microsoftonline/);
    });

    test("another tenant: refused, unless it is on the allow-list", async () => {
      const issuerOfOther = issuer.server.issuer.replace(issuer.state.tenantId, OTHER_TENANT);
      const token = await issuer.mint({ tenantId: OTHER_TENANT, issuer: issuerOfOther });
      assertRefused(await issuer.guard().authorize(request(bearer(token)), SECURED), 401, "invalid_token", "tenant");
      const allowing = issuer.guard({ CONDUIT_AUTH_ALLOWED_TENANTS: OTHER_TENANT.toUpperCase() });
      assert.equal(assertCaller(await allowing.authorize(request(bearer(token)), SECURED)).tenantId, OTHER_TENANT);
      // The tid must match the tenant in iss: a home-tenant issuer with another tid is refused even when allowed.
      const mismatched = await issuer.mint({ tenantId: OTHER_TENANT });
      assertRefused(await allowing.authorize(request(bearer(mismatched)), SECURED), 401, "invalid_token", "issuer");
    });

    test("alg none", async () => {
      const header = base64url({ alg: "none", typ: "JWT" });
      const payload = (await issuer.mint()).split(".")[1];
      const token = `${header}.${payload}.`;
      const { challenge } = assertRefused(await issuer.guard().authorize(request(bearer(token)), SECURED), 401, "invalid_token", "algorithm");
      assert.match(challenge, /error_description="The access token is not valid for this API"/, "an unsigned token learns nothing");
    });

    test("HS256 signed with the public key (as PEM and as JWK): refused without fetching keys again", async () => {
      const guard = issuer.guard();
      assertCaller(await guard.authorize(request(bearer(await issuer.mint())), SECURED));
      const fetched = issuer.server.requests.jwks;
      const publicKey = await importJWK(issuer.key.publicJwk, "RS256");
      if (publicKey instanceof Uint8Array) throw new Error("expected a public key");
      const pem = new TextEncoder().encode(await exportSPKI(publicKey));
      const asJwk = new TextEncoder().encode(JSON.stringify(issuer.key.publicJwk));
      const claims = JSON.parse(Buffer.from((await issuer.mint()).split(".")[1] ?? "", "base64url").toString()) as Record<string, unknown>;
      for (const secret of [pem, asJwk]) {
        const token = await new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT", kid: issuer.key.kid }).sign(secret);
        assertRefused(await guard.authorize(request(bearer(token)), SECURED), 401, "invalid_token", "algorithm");
      }
      assert.equal(issuer.server.requests.jwks, fetched);
    });

    test("unknown key id: the keys are fetched again once, then the token is refused; within the cooldown, no more fetches", async () => {
      const clock = { now: Date.now() };
      const guard = issuer.guard({}, { keys: { now: () => clock.now } });
      await guard.warmUp();
      const fetched = issuer.server.requests.jwks;
      const token = await issuer.mint({}, rogue);
      const first = await guard.authorize(request(bearer(token)), SECURED);
      assertRefused(first, 401, "invalid_token");
      assert.ok(!first.ok && first.log.startsWith("unknown-key"), !first.ok ? first.log : "");
      assert.equal(issuer.server.requests.jwks, fetched + 1, "refreshed once");
      assertRefused(await guard.authorize(request(bearer(await issuer.mint({ user: "ben" }, rogue))), SECURED), 401, "invalid_token");
      assert.equal(issuer.server.requests.jwks, fetched + 1, "not again within the cooldown");
      clock.now += 5 * 60_000;
      assertRefused(await guard.authorize(request(bearer(token)), SECURED), 401, "invalid_token");
      assert.equal(issuer.server.requests.jwks, fetched + 2, "once more after the cooldown");
    });

    test("a rolled key: the new key id is fetched and accepted", async () => {
      const guard = issuer.guard();
      assertCaller(await guard.authorize(request(bearer(await issuer.mint())), SECURED));
      const rolled = { ...rogue, kid: "rolled-key" };
      const previous = issuer.published;
      issuer.published = { keys: [issuer.key.publicJwk, { ...rogue.publicJwk, kid: "rolled-key" }] };
      try {
        const caller = assertCaller(await guard.authorize(request(bearer(await issuer.mint({ user: "dora" }, rolled))), SECURED));
        assert.equal(caller.name, "Dora");
      } finally {
        issuer.published = previous;
      }
    });

    test("a tampered payload (a scope added) fails the signature", async () => {
      const [header, payload, signature] = (await issuer.mint({ scopes: ["Files.Read"] })).split(".");
      const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
      const forged = `${header}.${base64url({ ...claims, scp: "user_impersonation" })}.${signature}`;
      const outcome = await issuer.guard().authorize(request(bearer(forged)), SECURED);
      assertRefused(outcome, 401, "invalid_token");
      assert.ok(!outcome.ok && outcome.log.startsWith("signature"));
    });

    test("malformed Authorization headers and tokens", async () => {
      const guard = issuer.guard();
      const valid = await issuer.mint();
      const [, payload, signature] = valid.split(".");
      const cases = [
        "Bearer",
        "Bearer    ",
        "Bearer abc",
        "Bearer a.b",
        "Bearer a.b.c.d",
        `Bearer ${valid} ${valid}`,
        `Bearer ${valid}, Bearer ${valid}`,
        "Bearer !!!.###.$$$",
        "Bearer eyJ.eyJ.sig",
        `Bearer ${base64url("not json")}.${payload}.${signature}`,
        `Bearer ${base64url({ alg: "RS256", kid: issuer.key.kid, crit: ["exp"] })}.${payload}.${signature}`,
        `Bearer ${base64url({ alg: "RS256", kid: { nested: true } })}.${payload}.${signature}`,
        `Bearer ${base64url({ alg: "RS256", kid: issuer.key.kid })}.${base64url("[1,2]")}.${signature}`,
        `Bearer ${base64url({ alg: "RS256", kid: issuer.key.kid, b64: false, crit: ["b64"] })}.${payload}.${signature}`,
        `Bearer ${valid.split(".").slice(0, 2).join(".")}.`,
        "Bearer\tx.y.z",
        "Bearer \u00e9.y.z",
      ];
      for (const header of cases) {
        assertRefused(await guard.authorize(request({ authorization: header }), SECURED), 401, "invalid_token");
      }
    });

    test("an oversize header is refused before it is decoded", async () => {
      const huge = `Bearer ${"a".repeat(20_000)}.${"b".repeat(10)}.${"c".repeat(10)}`;
      const outcome = await issuer.guard().authorize(request({ authorization: huge }), SECURED);
      assertRefused(outcome, 401, "invalid_token");
      assert.ok(!outcome.ok && outcome.log.startsWith("oversize"));
    });

    test("a token without oid or tid", async () => {
      assertRefused(await issuer.guard().authorize(request(bearer(await issuer.mint({ extraClaims: { oid: undefined } }))), SECURED), 401, "invalid_token");
      assertRefused(await issuer.guard().authorize(request(bearer(await issuer.mint({ extraClaims: { tid: undefined } }))), SECURED), 401, "invalid_token");
      assertRefused(await issuer.guard().authorize(request(bearer(await issuer.mint({ extraClaims: { oid: 42 } }))), SECURED), 401, "invalid_token");
    });
  });

  describe("refused with 401 and a bare challenge: no bearer credentials", () => {
    test("no Authorization header (the function key alone is not a caller)", async () => {
      assertRefused(await issuer.guard().authorize(request({ "x-functions-key": "a-host-key" }), SECURED), 401);
    });

    test("another scheme", async () => {
      assertRefused(await issuer.guard().authorize(request({ authorization: "Basic YW5hOnNlY3JldA==" }), SECURED), 401);
    });
  });

  describe("refused with 403 insufficient_scope", () => {
    test("a valid token without the operation's scope names the scope needed", async () => {
      const token = await issuer.mint({ scopes: ["Files.Read", "User.Read"] });
      const { challenge, body } = assertRefused(await issuer.guard().authorize(request(bearer(token)), SECURED), 403, "insufficient_scope");
      assert.match(challenge, /scope="user_impersonation"/);
      assert.equal(body["scope"], "user_impersonation");
    });

    test("no scp and no roles", async () => {
      const token = await issuer.mint({ scopes: [] });
      assertRefused(await issuer.guard().authorize(request(bearer(token)), SECURED), 403, "insufficient_scope");
    });

    test("alternatives: any one suffices; the challenge names what the nearest one lacks", async () => {
      const operation = {
        security: [
          [{ scheme: "a", type: "oauth2" as const, scopes: ["WorkOrders.Admin", "WorkOrders.Write"] }],
          [{ scheme: "a", type: "oauth2" as const, scopes: ["WorkOrders.Read", "user_impersonation"] }],
        ],
      };
      const guard = issuer.guard();
      assertCaller(await guard.authorize(request(bearer(await issuer.mint({ scopes: ["WorkOrders.Read", "user_impersonation"] }))), operation));
      const { challenge } = assertRefused(await guard.authorize(request(bearer(await issuer.mint({ scopes: ["user_impersonation"] }))), operation), 403, "insufficient_scope");
      assert.match(challenge, /scope="WorkOrders.Read"/);
    });
  });

  describe("the issuer cannot be reached", () => {
    test("before any key was fetched: 503 with problem+json, not 500, not 401", async () => {
      const stopped = await startTestIssuer();
      const guard = stopped.guard();
      const token = await stopped.mint();
      await stopped.stop();
      const outcome = await guard.authorize(request(bearer(token)), SECURED);
      assertRefused(outcome, 503);
      assert.ok(!outcome.ok && headersOf(outcome.response).get("retry-after"));
      await assert.rejects(guard.warmUp(), { name: "KeysUnavailableError" });
    });

    test("after the keys were fetched: calls go on with the keys in hand", async () => {
      const going = await startTestIssuer();
      const clock = { now: Date.now() };
      const guard = going.guard({}, { keys: { now: () => clock.now } });
      await guard.warmUp();
      const token = await going.mint();
      await going.stop();
      clock.now += 13 * 60 * 60_000;
      assertCaller(await guard.authorize(request(bearer(token)), SECURED));
      // An unknown key id is still the token's fault, not a 503.
      assertRefused(await guard.authorize(request(bearer(await going.mint({}, rogue))), SECURED), 401, "invalid_token");
    });
  });
});
