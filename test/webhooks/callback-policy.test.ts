import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { addressAllowed, checkCallbackUrl, hostMatches } from "../../src/webhooks/callback-policy.js";

const production = { allowedHosts: ["*.logic.azure.com"], allowLoopback: false };
const development = { ...production, allowLoopback: true };

describe("which callback URLs a subscription may name", () => {
  test("Power Automate's callbacks, as it sends them", () => {
    for (const url of [
      "https://prod-27.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=x",
      "https://prod-27.westus.logic.azure.com/workflows/abc",
      "https://PROD-27.WestUS.logic.azure.com./workflows/abc",
    ]) assert.deepEqual(checkCallbackUrl(url, production).ok, true, url);
  });

  test("refused: other hosts, look-alikes, plain http, other ports, credentials, not URLs", () => {
    const cases: [string, RegExp][] = [
      ["https://attacker.example.com/hook", /not allowed: CONDUIT_WEBHOOK_ALLOWED_HOSTS allows \*\.logic\.azure\.com/],
      ["https://logic.azure.com/hook", /not allowed/],
      ["https://evillogic.azure.com/hook", /not allowed/],
      ["https://prod-1.logic.azure.com.attacker.example/hook", /not allowed/],
      ["http://prod-1.westus.logic.azure.com/hook", /must use https/],
      ["https://prod-1.westus.logic.azure.com:8443/hook", /not allowed/],
      ["https://user:pw@prod-1.westus.logic.azure.com/hook", /user name or password/],
      ["ftp://prod-1.westus.logic.azure.com/hook", /must use https/],
      ["/relative/hook", /not an absolute URL/],
      ["https://169.254.169.254/latest/meta-data", /not allowed/],
    ];
    for (const [url, reason] of cases) {
      const check = checkCallbackUrl(url, production);
      assert.equal(check.ok, false, url);
      if (!check.ok) assert.match(check.reason, reason, url);
    }
  });

  test("loopback, over http or https, in local development only", () => {
    for (const url of ["http://127.0.0.1:8080/hook", "http://localhost:8080/hook", "https://[::1]:8443/hook", "http://127.10.0.1/hook", "http://flow.localhost/hook"]) {
      assert.equal(checkCallbackUrl(url, development).ok, true, url);
      const refused = checkCallbackUrl(url, production);
      assert.equal(refused.ok, false, url);
      if (!refused.ok) assert.match(refused.reason, /local development only/);
    }
  });

  test("host patterns: exact names, any depth under *., a port when named, 443 otherwise", () => {
    assert.ok(hostMatches("hooks.contoso.com", "hooks.contoso.com", ""));
    assert.ok(hostMatches("hooks.contoso.com", "hooks.contoso.com", "443"));
    assert.ok(!hostMatches("hooks.contoso.com", "a.hooks.contoso.com", ""));
    assert.ok(hostMatches("*.contoso.com", "a.b.contoso.com", ""));
    assert.ok(!hostMatches("*.contoso.com", "contoso.com", ""));
    assert.ok(!hostMatches("*.contoso.com", "notcontoso.com", ""));
    assert.ok(hostMatches("hooks.contoso.com:8443", "hooks.contoso.com", "8443"));
    assert.ok(!hostMatches("hooks.contoso.com:8443", "hooks.contoso.com", ""));
    assert.ok(hostMatches("[2001:db8::1]:8443", "2001:db8::1", "8443"));
  });
});

describe("which addresses the app may connect to", () => {
  test("public addresses for an allowed name", () => {
    for (const address of ["20.190.160.1", "13.107.4.50", "2603:1030::1"]) assert.ok(addressAllowed(address, "prod-1.westus.logic.azure.com", production), address);
  });

  test("never a private, loopback, link-local (metadata) or reserved one, however the name resolves", () => {
    for (const address of ["10.0.0.5", "172.16.3.4", "192.168.1.1", "127.0.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "224.0.0.1", "not-an-ip"]) {
      assert.ok(!addressAllowed(address, "prod-1.westus.logic.azure.com", production), address);
    }
  });

  test("a private address the setting names itself", () => {
    const policy = { allowedHosts: ["*.logic.azure.com", "10.1.2.3"], allowLoopback: false };
    assert.ok(addressAllowed("10.1.2.3", "10.1.2.3", policy));
    assert.ok(!addressAllowed("10.1.2.4", "10.1.2.4", policy));
  });

  test("a loopback name reaches loopback addresses only, and only in development", () => {
    assert.ok(addressAllowed("127.0.0.1", "localhost", development));
    assert.ok(addressAllowed("::1", "localhost", development));
    assert.ok(!addressAllowed("10.0.0.1", "localhost", development));
    assert.ok(!addressAllowed("127.0.0.1", "localhost", production));
  });
});
