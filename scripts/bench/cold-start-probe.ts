/**
 * Runs in a fresh `node` for each cold-start measurement: loads a function app entry as the Functions host
 * would, records what it registers with `app.http`, answers one request through the registered handler with
 * real @azure/functions objects, and prints when each step finished, in ms since the process started
 * (performance.now() counts from the process's time origin, so Node's own start-up is included).
 *
 *   node cold-start-probe.js ENTRY_FILE REQUEST_JSON
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import functions from "@azure/functions";
import type { HttpFunctionOptions, HttpHandler, HttpResponseInit } from "@azure/functions";

const { app, HttpRequest, InvocationContext } = functions;

/** The first request, as the bench chose it (an operation the app registered, and what to send). */
export interface ProbeRequest {
  readonly name: string;
  readonly method: string;
  readonly url: string;
  readonly params: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface ProbeResult {
  /** ms from process start until the entry module finished loading: every operation registered. */
  readonly registeredMs: number;
  /** ms from process start until the first request had its answer. */
  readonly answeredMs: number;
  /** CPU time (user + system, all threads) the process had used by then: less swayed by a busy machine. */
  readonly cpuMs: number;
  readonly registrations: number;
  readonly status: number;
  readonly rssBytes: number;
}

async function main(): Promise<void> {
  const [entry, requestJson] = process.argv.slice(2);
  if (entry === undefined || requestJson === undefined) throw new Error("usage: cold-start-probe ENTRY_FILE REQUEST_JSON");
  const wanted = JSON.parse(requestJson) as ProbeRequest;

  // In Azure app.http hands the function to the host; here it is recorded, and @azure/functions's test-mode
  // warnings (one per registration outside the host) are not part of what is measured.
  const handlers = new Map<string, HttpHandler>();
  app.http = (name: string, options: HttpFunctionOptions) => {
    handlers.set(name, options.handler);
  };
  console.warn = () => {};

  await import(pathToFileURL(entry).href);
  const registeredMs = performance.now();

  const handler = handlers.get(wanted.name);
  if (handler === undefined) throw new Error(`${entry} registered no function named ${wanted.name}`);
  const request = new HttpRequest({
    method: wanted.method,
    url: wanted.url,
    headers: wanted.headers,
    params: wanted.params,
    ...(wanted.body === undefined ? {} : { body: { string: wanted.body } }),
  });
  const context = new InvocationContext({ functionName: wanted.name, invocationId: "cold-start", logHandler: () => {} });
  const response = (await handler(request, context)) as HttpResponseInit;
  const answeredMs = performance.now();
  const cpu = process.cpuUsage();

  const result: ProbeResult = { registeredMs, answeredMs, cpuMs: (cpu.user + cpu.system) / 1000, registrations: handlers.size, status: response.status ?? 200, rssBytes: process.memoryUsage.rss() };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
