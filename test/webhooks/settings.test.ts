import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { SettingsError } from "../../src/runtime/settings.js";
import { drainSchedule, readWebhookSettings } from "../../src/webhooks/settings.js";

describe("the webhook settings", () => {
  test("defaults: Power Automate's hosts, no loopback outside development", () => {
    assert.deepEqual(readWebhookSettings({}), { allowedHosts: ["*.logic.azure.com"], allowLoopback: false, concurrency: 16, timeoutMs: 10_000, maxAttempts: 12, drainSeconds: 60 });
    assert.equal(readWebhookSettings({ AZURE_FUNCTIONS_ENVIRONMENT: "Development" }).allowLoopback, true);
    assert.equal(readWebhookSettings({ AZURE_FUNCTIONS_ENVIRONMENT: "Production" }).allowLoopback, false);
  });

  test("values as set", () => {
    const settings = readWebhookSettings({
      CONDUIT_WEBHOOK_ALLOWED_HOSTS: " *.logic.azure.com, *.logic.azure.us ,hooks.contoso.com:8443",
      CONDUIT_WEBHOOK_CONCURRENCY: "4",
      CONDUIT_WEBHOOK_TIMEOUT_SECONDS: "30",
      CONDUIT_WEBHOOK_MAX_ATTEMPTS: "3",
      CONDUIT_WEBHOOK_DRAIN_SECONDS: "15",
    });
    assert.deepEqual(settings.allowedHosts, ["*.logic.azure.com", "*.logic.azure.us", "hooks.contoso.com:8443"]);
    assert.deepEqual([settings.concurrency, settings.timeoutMs, settings.maxAttempts, settings.drainSeconds], [4, 30_000, 3, 15]);
  });

  test("a wrong value stops start-up with a message naming the setting and an example", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ CONDUIT_WEBHOOK_ALLOWED_HOSTS: "*" }, /CONDUIT_WEBHOOK_ALLOWED_HOSTS must be host names.*"\*" is not one/],
      [{ CONDUIT_WEBHOOK_ALLOWED_HOSTS: "https://hooks.contoso.com/x" }, /CONDUIT_WEBHOOK_ALLOWED_HOSTS/],
      [{ CONDUIT_WEBHOOK_CONCURRENCY: "0" }, /CONDUIT_WEBHOOK_CONCURRENCY must be a whole number of deliveries at once from 1 to 256, e\.g\. 16; it is "0"/],
      [{ CONDUIT_WEBHOOK_TIMEOUT_SECONDS: "2.5" }, /CONDUIT_WEBHOOK_TIMEOUT_SECONDS/],
      [{ CONDUIT_WEBHOOK_MAX_ATTEMPTS: "many" }, /CONDUIT_WEBHOOK_MAX_ATTEMPTS/],
      [{ CONDUIT_WEBHOOK_DRAIN_SECONDS: "7" }, /CONDUIT_WEBHOOK_DRAIN_SECONDS must divide a minute or an hour evenly/],
      [{ CONDUIT_WEBHOOK_DRAIN_SECONDS: "420" }, /CONDUIT_WEBHOOK_DRAIN_SECONDS/],
    ];
    for (const [env, message] of cases) assert.throws(() => readWebhookSettings(env), (error: unknown) => error instanceof SettingsError && message.test(error.message), JSON.stringify(env));
  });

  test("the drain's NCRONTAB schedule (seconds first, as app.timer reads it)", () => {
    assert.equal(drainSchedule(1), "*/1 * * * * *");
    assert.equal(drainSchedule(15), "*/15 * * * * *");
    assert.equal(drainSchedule(60), "0 */1 * * * *");
    assert.equal(drainSchedule(300), "0 */5 * * * *");
    assert.equal(drainSchedule(3600), "0 0 * * * *");
  });
});
