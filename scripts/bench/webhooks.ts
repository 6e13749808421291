/**
 * `npm run bench:webhooks`: events delivered per second and the latency from `notify` to the receiver, with 100
 * subscriptions, against a bare loop of fetch POSTs of the same events to the same receiver, measured in the same
 * run. Both send at most 16 POSTs at once (conduit's default CONDUIT_WEBHOOK_CONCURRENCY); conduit also checks
 * each event against its schema, reads the subscriptions, stores the event and its 100 deliveries in the outbox
 * (Azurite) and removes them when done: what makes it survive a restart, and what the ratio prices. conduit posts
 * with node:http on keep-alive connections, the baseline with fetch (undici), as a hand-written loop would.
 *
 * Two patterns: one event at a time (notify, wait for its 100 deliveries, next), and a burst (every event notified
 * back to back, then wait for all). BENCH_QUICK=1 sends fewer events.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { CompiledValidator } from "../../src/runtime/contract.js";
import { configureWebhooks, createNotifier, type TriggerSpec } from "../../src/webhooks/runtime.js";
import { readWebhookSettings } from "../../src/webhooks/settings.js";
import { saveSubscription } from "../../src/webhooks/subscriptions.js";
import { startAzurite } from "../serve/azurite.js";
import { createAjv } from "../generate/ajv.js";
import { ms, ratio, summary } from "./stats.js";

const SUBSCRIPTIONS = 100;
const CONCURRENCY = 16;
const QUICK = process.env["BENCH_QUICK"] === "1";
const SEQUENTIAL_EVENTS = QUICK ? 10 : 40;
const BURST_EVENTS = QUICK ? 20 : 100;

const EVENT_SCHEMA = {
  type: "object",
  required: ["id", "title", "status", "createdAt"],
  properties: {
    id: { type: "string" },
    title: { type: "string", maxLength: 120 },
    status: { type: "string", enum: ["new", "scheduled", "completed"] },
    createdAt: { type: "string", format: "date-time" },
    estimatedHours: { type: "number", minimum: 0 },
  },
};

/** The receiver: counts arrivals per event id and notes when each came. */
class Receiver {
  readonly arrivals = new Map<string, number[]>();
  private waiters = new Map<string, { count: number; resolve: () => void }>();
  server: Server | undefined;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const id = String(req.headers["webhook-id"] ?? req.headers["x-event-id"] ?? "");
        const list = this.arrivals.get(id) ?? [];
        list.push(performance.now());
        this.arrivals.set(id, list);
        const waiter = this.waiters.get(id);
        if (waiter && list.length >= waiter.count) {
          this.waiters.delete(id);
          waiter.resolve();
        }
        res.writeHead(202);
        res.end();
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  all(id: string, count: number): Promise<void> {
    if ((this.arrivals.get(id)?.length ?? 0) >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(id, { count, resolve }));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

interface Run {
  readonly label: string;
  readonly events: number;
  readonly seconds: number;
  readonly latencies: number[];
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function event(n: number): Record<string, unknown> {
  return { id: `wo-${n}`, title: `Replace valve ${n}`, status: "new", createdAt: new Date().toISOString(), estimatedHours: 2.5 };
}

/** The baseline: for each event, fetch POSTs to the 100 callbacks, at most CONCURRENCY at once. */
async function fetchAll(urls: readonly string[], id: string, body: string): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const url = urls[next++]!;
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-event-id": id }, body });
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function measure(label: string, receiver: Receiver, events: number, burst: boolean, send: (id: string, body: unknown) => Promise<void>): Promise<Run> {
  const sent = new Map<string, number>();
  const started = performance.now();
  const waits: Promise<void>[] = [];
  for (let n = 0; n < events; n++) {
    const id = `${label}-${burst ? "burst" : "one"}-${n}-${Math.random().toString(36).slice(2)}`;
    sent.set(id, performance.now());
    const arrived = receiver.all(id, SUBSCRIPTIONS);
    const sending = send(id, event(n));
    if (burst) waits.push(sending.then(() => arrived));
    else await Promise.all([sending, arrived]);
  }
  await Promise.all(waits);
  const seconds = (performance.now() - started) / 1000;
  const latencies = [...sent].flatMap(([id, at]) => (receiver.arrivals.get(id) ?? []).map((arrival) => arrival - at));
  return { label, events, seconds, latencies };
}

function report(run: Run): string {
  return `${(run.events / run.seconds).toFixed(1)} events/s (${((run.events * SUBSCRIPTIONS) / run.seconds).toFixed(0)} POSTs/s), latency p50 ${ms(percentile(run.latencies, 50))}, p99 ${ms(percentile(run.latencies, 99))}`;
}

async function main(): Promise<void> {
  const azurite = await startAzurite();
  process.env["AzureWebJobsStorage"] = azurite.connectionString;
  const receiver = new Receiver();
  await receiver.start();
  try {
    const settings = readWebhookSettings({ AZURE_FUNCTIONS_ENVIRONMENT: "Development", CONDUIT_WEBHOOK_CONCURRENCY: String(CONCURRENCY) });
    const deliverer = configureWebhooks(settings, { log: { info: () => {}, warn: (m) => console.warn(m), error: (m) => console.error(m) } });
    const ajv = createAjv();
    const validate = ajv.compile(EVENT_SCHEMA) as unknown as CompiledValidator;
    const trigger: TriggerSpec = { name: "BenchTrigger", kind: "single", route: "hooks/bench", callback: ["callbackUrl"], event: async () => validate };
    const notify = createNotifier<{ BenchTrigger: Record<string, unknown> }, Record<string, never>>({ BenchTrigger: trigger });
    const urls = Array.from({ length: SUBSCRIPTIONS }, (_, i) => `http://127.0.0.1:${receiver.port}/flows/${i}?sig=bench`);
    for (const [i, url] of urls.entries()) {
      await saveSubscription({ trigger: trigger.name, owner: { tenantId: "bench", objectId: `user-${i}` }, callbackUrl: url, parameters: {} });
    }

    const conduit = (id: string, body: unknown) => notify.BenchTrigger(body as Record<string, unknown>, { eventId: id }).then(() => undefined);
    const bare = (id: string, body: unknown) => fetchAll(urls, id, JSON.stringify(body));

    process.stdout.write(`webhooks: ${SUBSCRIPTIONS} subscriptions on a receiver on 127.0.0.1, at most ${CONCURRENCY} POSTs at once, Azurite for the outbox\n`);
    // Warm-up: connections, the validator, the tables.
    await measure("warm-conduit", receiver, 3, false, conduit);
    await measure("warm-fetch", receiver, 3, false, bare);

    const results: Record<string, Run> = {};
    // Interleaved rounds so a noisy neighbour slows both alike.
    for (const [label, send] of [["fetch", bare], ["conduit", conduit], ["fetch2", bare], ["conduit2", conduit]] as const) {
      results[label] = await measure(label, receiver, SEQUENTIAL_EVENTS, false, send);
    }
    for (const [label, send] of [["fetch-burst", bare], ["conduit-burst", conduit]] as const) {
      results[label] = await measure(label, receiver, BURST_EVENTS, true, send);
    }
    await deliverer.idle();

    const merge = (a: Run, b: Run): Run => ({ label: a.label, events: a.events + b.events, seconds: a.seconds + b.seconds, latencies: [...a.latencies, ...b.latencies] });
    const one = { fetch: merge(results["fetch"]!, results["fetch2"]!), conduit: merge(results["conduit"]!, results["conduit2"]!) };
    const burst = { fetch: results["fetch-burst"]!, conduit: results["conduit-burst"]! };
    const rate = (run: Run) => run.events / run.seconds;

    process.stdout.write(`\none event at a time (${one.conduit.events} events × ${SUBSCRIPTIONS} subscriptions)\n`);
    process.stdout.write(`  bare fetch loop : ${report(one.fetch)}\n`);
    process.stdout.write(`  conduit notify  : ${report(one.conduit)}\n`);
    process.stdout.write(`  conduit / fetch : ${ratio(rate(one.fetch) / rate(one.conduit))} the time per event, ${ratio(percentile(one.conduit.latencies, 50) / percentile(one.fetch.latencies, 50))} the p50 latency, ${ratio(percentile(one.conduit.latencies, 99) / percentile(one.fetch.latencies, 99))} the p99\n`);
    process.stdout.write(`\na burst (${burst.conduit.events} events notified back to back)\n`);
    process.stdout.write(`  bare fetch loop : ${report(burst.fetch)}\n`);
    process.stdout.write(`  conduit notify  : ${report(burst.conduit)}\n`);
    process.stdout.write(`  conduit / fetch : ${ratio(rate(burst.fetch) / rate(burst.conduit))} the time per event\n`);
    summary(
      `webhooks (100 subscriptions): ${rate(one.conduit).toFixed(1)} events/s, p50 ${ms(percentile(one.conduit.latencies, 50))}, p99 ${ms(percentile(one.conduit.latencies, 99))} ` +
        `vs a bare fetch loop ${rate(one.fetch).toFixed(1)} events/s, p50 ${ms(percentile(one.fetch.latencies, 50))}, p99 ${ms(percentile(one.fetch.latencies, 99))} (${ratio(rate(one.fetch) / rate(one.conduit))} its time per event); ` +
        `burst ${rate(burst.conduit).toFixed(1)} vs ${rate(burst.fetch).toFixed(1)} events/s`,
    );
  } finally {
    configureWebhooks(readWebhookSettings({})).stop();
    await receiver.stop();
    await azurite.stop();
  }
}

await main();
