/**
 * The sample function app for the webhook tests, as src/index.ts makes it: its real registrations behind the
 * local host on 127.0.0.1, tokens from a real local issuer, Table storage in Azurite (the caller starts it with
 * useAzurite), deliveries by the real deliverer, configured from app settings as at start-up.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { registrations as bindings } from "../../generated/registrations.js";
import { registerOperations } from "../../src/runtime/register.js";
import { storageStatus, table } from "../../src/storage/tables.js";
import { saveTechnicians } from "../../src/storage/technicians.js";
import type { Delivery } from "../../src/webhooks/outbox.js";
import { OUTBOX_TABLE } from "../../src/webhooks/outbox.js";
import type { Verdict } from "../../src/webhooks/retry.js";
import { configureWebhooks, type DeliveryLog } from "../../src/webhooks/runtime.js";
import { readWebhookSettings } from "../../src/webhooks/settings.js";
import { SUBSCRIPTIONS_TABLE } from "../../src/webhooks/subscriptions.js";
import { createLocalHost } from "../../scripts/serve/host.js";
import { exampleTechnicians } from "../../src/seed.js";
import { startTestIssuer, type TestIssuer } from "../auth/harness.js";

const KEY = "webhook-test-key-abcdefghijklmnopqrstuvwxyz";

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly json: Record<string, unknown> | undefined;
}

export interface WebhookApp {
  readonly base: string;
  readonly issuer: TestIssuer;
  /** Every delivery attempt and what was made of it, in order. */
  readonly attempts: { readonly delivery: Delivery; readonly verdict: Verdict }[];
  readonly logs: string[];
  call(method: string, path: string, options?: { body?: unknown; user?: string }): Promise<Reply>;
  /** Drops every subscription and outbox row, and starts delivery afresh with these settings. */
  reset(settings?: Readonly<Record<string, string>>): Promise<void>;
  stop(): Promise<void>;
}

export const ANA = "ana.lopez@conduit.example.com";
export const BEN = "ben.okafor@conduit.example.com";

export async function startWebhookApp(): Promise<WebhookApp> {
  const issuer = await startTestIssuer();
  const attempts: { delivery: Delivery; verdict: Verdict }[] = [];
  const logs: string[] = [];
  const log: DeliveryLog = { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) };
  const configure = (settings: Readonly<Record<string, string>> = {}) =>
    configureWebhooks(readWebhookSettings({ AZURE_FUNCTIONS_ENVIRONMENT: "Development", CONDUIT_WEBHOOK_TIMEOUT_SECONDS: "2", ...settings }), {
      log,
      onAttempt: (delivery, verdict) => attempts.push({ delivery: { ...delivery }, verdict }),
    });
  configure();
  const registrations = registerOperations(() => {}, bindings, { maxBodyBytes: 1024 * 1024, responseValidation: "enforce", authorizer: issuer.guard() });
  const server: Server = createLocalHost({ registrations, routePrefix: "api", functionKey: KEY, maxBodyBytes: 1024 * 1024, log: (line) => logs.push(line) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  const spec: unknown = parse(await readFile("spec/apiDefinition.swagger.yaml", "utf8"));
  await saveTechnicians(exampleTechnicians(spec));
  const tokens = new Map<string, string>();

  return {
    base,
    issuer,
    attempts,
    logs,
    async call(method, path, options = {}) {
      const user = options.user ?? ANA;
      let token = tokens.get(user);
      if (token === undefined) {
        token = await issuer.mint({ user });
        tokens.set(user, token);
      }
      const headers: Record<string, string> = { "x-functions-key": KEY, authorization: `Bearer ${token}` };
      if (options.body !== undefined) headers["content-type"] = "application/json";
      const url = path.startsWith("http") ? path : `${base}${path}`;
      const response = await fetch(url, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
      const text = await response.text();
      return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
    },
    async reset(settings = {}) {
      configure(settings);
      attempts.length = 0;
      for (const name of [SUBSCRIPTIONS_TABLE, OUTBOX_TABLE]) {
        const client = await table(name);
        for await (const entity of client.listEntities()) {
          // The previous test's deliverer may still be finishing a delivery, and remove its row first.
          await client.deleteEntity(entity.partitionKey ?? "", entity.rowKey ?? "").catch((error: unknown) => {
            if (storageStatus(error) !== 404) throw error;
          });
        }
      }
    },
    async stop() {
      configureWebhooks(readWebhookSettings({})).stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await issuer.stop();
    },
  };
}

/** The rows left in the outbox: what is still to deliver, or given up. */
export { outboxRows } from "./outbox-rows.js";
