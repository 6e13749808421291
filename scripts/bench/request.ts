/**
 * `npm run bench:request`: what conduit's adapter costs per request (coercion, full request validation with the
 * precompiled validators, response validation, problem bodies) against a bare `app.http` handler doing the same
 * work without validation (parse the body, call the same handler, serialize its answer), measured in the same
 * run. Both are called in-process with real @azure/functions HttpRequest and InvocationContext objects, a new
 * pair per request as the host makes them; warm-up first, then alternating rounds, median of the rounds.
 *
 * The cases: a small GET, a typical JSON body (create a work order), a 200-item list body and a 200-item list
 * response. The sample has no list body, so the bench spec is the sample plus one bulk import operation;
 * it is generated and compiled in a temp project like the start-up bench's. Targets (CPU, against bare): the
 * typical body within 1.2x, the 200-item list body and the 200-item list response within 1.5x.
 *
 *   node .out/NAME/scripts/bench/request.js [--rounds N] [--quick]
 */
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import functions from "@azure/functions";
import type { HttpFunctionOptions, HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { parse as parseYaml } from "yaml";
import type { OperationBinding, OperationSpec, OperationValidators } from "../../src/runtime/contract.js";
import type { HandlerContext } from "../../src/runtime/handler.js";
import { registerOperations } from "../../src/runtime/register.js";
import { DEFAULT_MAX_BODY_BYTES, type ResponseValidationMode } from "../../src/runtime/settings.js";
import { sampleSpec } from "./corpus.js";
import { median, ratio, summary, verdict } from "./stats.js";
import { createTempProject } from "./temp-project.js";

const { HttpRequest: Request, InvocationContext: Context } = functions;

/** The sample spec plus `POST /workorders/import` taking an array of new work orders. */
function benchSpecText(): string {
  const spec = parseYaml(sampleSpec().text) as { paths: Record<string, unknown> };
  spec.paths["/workorders/import"] = {
    post: {
      operationId: "ImportWorkOrders",
      summary: "Import work orders",
      description: "Creates many work orders at once.",
      parameters: [{ name: "body", in: "body", required: true, schema: { type: "array", maxItems: 1000, items: { $ref: "#/definitions/NewWorkOrder" } } }],
      responses: {
        "200": { description: "How many were imported.", schema: { type: "object", required: ["imported"], properties: { imported: { type: "integer" } } } },
        "400": { description: "The list is not valid." },
      },
    },
  };
  return JSON.stringify(spec, null, 2);
}

const NOW = "2026-11-27T14:03:11Z";

function newWorkOrder(i: number): Record<string, unknown> {
  return {
    title: `Replace boiler pressure valve ${i}`,
    customerName: "Contoso Bakery",
    siteAddress: "12 Harbour Road, Seattle, WA 98101",
    description: "Customer reports the boiler loses pressure overnight.",
    priority: "high",
    assignedTo: "tech-ana-lopez",
    scheduledFor: "2026-12-02T09:00:00Z",
    estimatedHours: 2.5,
  };
}

/**
 * A work order as src/storage hands it to a handler (toWorkOrder): the required fields in one literal, the optional
 * ones assigned after. Not `{ ...other, id }`: V8 reads the properties of objects made by spread several times
 * slower (in a validator as in any code that reads them), which would measure how the bench builds its data,
 * not the adapter; the spread-made page is measured beside, for information.
 */
function workOrder(i: number): Record<string, unknown> {
  const order: Record<string, unknown> = {
    id: `6f1c2f9e-2d7b-4a8e-9a31-${String(i).padStart(12, "0")}`,
    title: `Replace boiler pressure valve ${i}`,
    status: "scheduled",
    priority: "high",
    customerName: "Contoso Bakery",
    siteAddress: "12 Harbour Road, Seattle, WA 98101",
    createdAt: NOW,
    updatedAt: NOW,
  };
  order["description"] = "Customer reports the boiler loses pressure overnight.";
  order["assignedTo"] = "tech-ana-lopez";
  order["scheduledFor"] = "2026-12-02T09:00:00Z";
  order["estimatedHours"] = 2.5;
  return order;
}

const PAGE = { value: Array.from({ length: 200 }, (_, i) => workOrder(i)) };
const SPREAD_PAGE = { value: Array.from({ length: 200 }, (_, i) => ({ ...newWorkOrder(i), id: `6f1c2f9e-2d7b-4a8e-9a31-${String(i).padStart(12, "0")}`, status: "scheduled", createdAt: NOW, updatedAt: NOW })) };

/** What CreateWorkOrder answers: the stored fields copied one by one, as src/storage does, plus the server's. */
function created(body: Record<string, unknown>): Record<string, unknown> {
  const order: Record<string, unknown> = {
    id: "6f1c2f9e-2d7b-4a8e-9a31-3c5b2f0e7d41",
    title: body["title"],
    status: body["status"] ?? "new",
    priority: body["priority"] ?? "normal",
    customerName: body["customerName"],
    siteAddress: body["siteAddress"],
    createdAt: NOW,
    updatedAt: NOW,
  };
  for (const field of ["description", "assignedTo", "scheduledFor", "estimatedHours"]) if (body[field] !== undefined) order[field] = body[field];
  return order;
}

type BenchHandler = (request: { path: Record<string, unknown>; query: Record<string, unknown>; body: unknown }, context: HandlerContext) => Promise<{ status: number; body?: unknown; headers?: Record<string, string> }>;

/** In-memory handlers: the same functions run behind the adapter and behind the bare registration. */
const HANDLERS: Readonly<Record<string, BenchHandler>> = {
  GetWorkOrder: async (request) => {
    const order = workOrder(1);
    order["id"] = String(request.path["workOrderId"]);
    return { status: 200, body: order };
  },
  CreateWorkOrder: async (request) => ({ status: 201, body: created(request.body as Record<string, unknown>), headers: { Location: "/api/workorders/6f1c2f9e" } }),
  ImportWorkOrders: async (request) => ({ status: 200, body: { imported: (request.body as unknown[]).length } }),
  ListWorkOrders: async (request) => ({ status: 200, body: String(request.query["top"]) === "199" ? SPREAD_PAGE : PAGE }),
};

/** The bare registration: what a hand-written app.http function does for the same handler, unvalidated. */
function bareHandler(handler: BenchHandler, hasBody: boolean): HttpHandler {
  return async (request: HttpRequest, invocation: InvocationContext): Promise<HttpResponseInit> => {
    let body: unknown;
    if (hasBody) {
      const text = await request.text();
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        return { status: 400 };
      }
    }
    const query: Record<string, string> = {};
    for (const [name, value] of request.query) query[name] = value;
    const result = await handler({ path: request.params, query, body }, { invocation, request, caller: undefined, publicUrl: request.url });
    return { status: result.status, headers: { "content-type": "application/json", ...result.headers }, body: JSON.stringify(result.body) };
  };
}

interface Case {
  readonly name: string;
  readonly operation: string;
  readonly make: () => HttpRequest;
}

function cases(): Case[] {
  const json = (url: string, value: unknown) => {
    const text = JSON.stringify(value);
    return () => new Request({ method: "POST", url, headers: { "content-type": "application/json" }, body: { string: text } });
  };
  return [
    {
      name: "small GET (one work order)",
      operation: "GetWorkOrder",
      make: () => new Request({ method: "GET", url: "http://127.0.0.1:7071/api/workorders/6f1c2f9e", params: { workOrderId: "6f1c2f9e" } }),
    },
    { name: "typical JSON body (create)", operation: "CreateWorkOrder", make: json("http://127.0.0.1:7071/api/workorders", newWorkOrder(1)) },
    { name: "200-item list body (import)", operation: "ImportWorkOrders", make: json("http://127.0.0.1:7071/api/workorders/import", Array.from({ length: 200 }, (_, i) => newWorkOrder(i))) },
    {
      name: "200-item list response (list, top=200)",
      operation: "ListWorkOrders",
      make: () => new Request({ method: "GET", url: "http://127.0.0.1:7071/api/workorders?top=200&priority=high,urgent&status=scheduled" }),
    },
    {
      // For information, no target: the same page with each item made by `{ ...newWorkOrder(i), id, … }`.
      name: "  the same, items made with {...spread}",
      operation: "ListWorkOrders",
      make: () => new Request({ method: "GET", url: "http://127.0.0.1:7071/api/workorders?top=199&priority=high,urgent&status=scheduled" }),
    },
  ];
}

/** The project's targets: adapter CPU per request against a bare handler's, measured in the same run. */
const TARGETS: readonly { readonly name: string; readonly limit: number }[] = [
  { name: "typical JSON body (create)", limit: 1.2 },
  { name: "200-item list body (import)", limit: 1.5 },
  { name: "200-item list response (list, top=200)", limit: 1.5 },
];

function contextFor(name: string): InvocationContext {
  return new Context({ functionName: name, invocationId: "bench", logHandler: () => {} });
}

interface PerCall {
  /** CPU time (user + system) per call, µs: steady on a shared machine, where other processes inflate wall time. */
  readonly cpu: number;
  readonly wall: number;
}

/**
 * Mean µs per call of each runner, median over rounds; the runners take turns round by round so that a noisy
 * neighbour slows them alike. Each runner is warmed up first (JIT, lazy loading); iterations per round are set
 * from a calibration so that a round lasts ~`roundMs`.
 */
async function measureAll(runners: readonly (() => Promise<unknown>)[], rounds: number, roundMs: number): Promise<PerCall[]> {
  for (const run of runners) {
    const until = performance.now() + roundMs;
    while (performance.now() < until) await run();
  }
  const started = performance.now();
  let calibration = 0;
  while (performance.now() - started < roundMs) {
    for (const run of runners) await run();
    calibration++;
  }
  const iterations = Math.max(50, Math.round((calibration * roundMs) / (performance.now() - started)));
  const cpu: number[][] = runners.map(() => []);
  const wall: number[][] = runners.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, run] of runners.entries()) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < iterations; i++) await run();
      const used = process.cpuUsage(c0);
      wall[index]!.push(((performance.now() - t0) * 1000) / iterations);
      cpu[index]!.push((used.user + used.system) / iterations);
    }
  }
  return runners.map((_, i) => ({ cpu: median(cpu[i]!), wall: median(wall[i]!) }));
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({ options: { rounds: { type: "string" }, quick: { type: "boolean", default: process.env["BENCH_QUICK"] === "1" } }, strict: true });
  const rounds = Number(args.rounds ?? (args.quick ? 3 : 9));
  const roundMs = args.quick ? 150 : 300;
  process.stdout.write(`conduit per-request bench: load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; Node ${process.version}\n`);

  const project = await createTempProject({ name: "sample + bulk import", text: benchSpecText(), extension: "json" });
  try {
    const generated = (file: string) => import(pathToFileURL(path.join(project.dist, "generated", file)).href);
    const { operations } = (await generated("operations.js")) as { operations: Record<string, OperationSpec> };
    const { validators } = (await generated("validators.js")) as { validators: Record<string, OperationValidators> };
    const bindings: OperationBinding[] = Object.keys(HANDLERS).map((name) => ({
      operation: operations[name]!,
      validators: validators[name]!,
      handler: HANDLERS[name]! as OperationBinding["handler"],
    }));
    const adapted = (mode: ResponseValidationMode): Map<string, HttpHandler> => {
      const handlers = new Map<string, HttpHandler>();
      registerOperations((name: string, options: HttpFunctionOptions) => handlers.set(name, options.handler), bindings, { maxBodyBytes: DEFAULT_MAX_BODY_BYTES, responseValidation: mode });
      return handlers;
    };
    const adapter = adapted("enforce");
    const adapterNoResponse = adapted("off");

    process.stdout.write(`in-process, real HttpRequest + InvocationContext per call; median of ${rounds} alternating rounds of ~${roundMs} ms after a warm-up; CPU µs per request\n`);
    process.stdout.write(
      `  ${"case".padEnd(40)} ${"new request".padStart(11)} ${"bare".padStart(9)} ${"adapter".padStart(9)} ${"ratio".padStart(6)} ${"req. only".padStart(9)} ${"ratio".padStart(6)} ${"wall ratio".padStart(10)}  status\n`,
    );
    const measured = new Map<string, { bare: PerCall; adapter: PerCall }>();
    for (const c of cases()) {
      const bare = bareHandler(HANDLERS[c.operation]!, operations[c.operation]!.body !== undefined);
      const full = adapter.get(c.operation)!;
      const requestOnly = adapterNoResponse.get(c.operation)!;
      // The adapter must answer as the handler does: a bench of 400s would measure the wrong path.
      const check = (await full(c.make(), contextFor(c.operation))) as HttpResponseInit;
      const expected = (await bare(c.make(), contextFor(c.operation))) as HttpResponseInit;
      if (check.status !== expected.status) throw new Error(`${c.name}: the adapter answered ${check.status} (${String(check.body)}), bare ${expected.status}`);
      const [construct, bareCall, adapterCall, requestOnlyCall] = (await measureAll(
        [
          async () => [c.make(), contextFor(c.operation)],
          () => bare(c.make(), contextFor(c.operation)) as Promise<unknown>,
          () => full(c.make(), contextFor(c.operation)) as Promise<unknown>,
          () => requestOnly(c.make(), contextFor(c.operation)) as Promise<unknown>,
        ],
        rounds,
        roundMs,
      )) as [PerCall, PerCall, PerCall, PerCall];
      const r = adapterCall.cpu / bareCall.cpu;
      process.stdout.write(
        `  ${c.name.padEnd(40)} ${us(construct.cpu).padStart(11)} ${us(bareCall.cpu).padStart(9)} ${us(adapterCall.cpu).padStart(9)} ${ratio(r).padStart(6)} ` +
          `${us(requestOnlyCall.cpu).padStart(9)} ${ratio(requestOnlyCall.cpu / bareCall.cpu).padStart(6)} ${ratio(adapterCall.wall / bareCall.wall).padStart(10)}  ${check.status}\n`,
      );
      summary(`per request, ${c.name}: bare ${us(bareCall.cpu)}, adapter ${us(adapterCall.cpu)} CPU (${ratio(r)}; wall ${ratio(adapterCall.wall / bareCall.wall)})`);
      measured.set(c.name, { bare: bareCall, adapter: adapterCall });
    }
    process.stdout.write(
      "  new request = making the HttpRequest and InvocationContext alone (inside both other columns); adapter = coerce + validate request + handler + validate response;\n" +
        "  req. only = the adapter with CONDUIT_RESPONSE_VALIDATION=off\n",
    );
    process.stdout.write("\nTargets\n");
    for (const target of TARGETS) {
      const m = measured.get(target.name);
      if (m === undefined) continue;
      const r = m.adapter.cpu / m.bare.cpu;
      const w = m.adapter.wall / m.bare.wall;
      const line =
        `per request, ${target.name}: adapter ${us(m.adapter.cpu)} vs bare ${us(m.bare.cpu)} CPU = ${ratio(r)} (target <= ${target.limit}x: ${verdict(r <= target.limit)}); ` +
        `wall ${us(m.adapter.wall)} vs ${us(m.bare.wall)} = ${ratio(w)}`;
      process.stdout.write(`  ${line}\n`);
      summary(line);
    }
  } finally {
    await project.remove();
  }
}

function us(value: number): string {
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} µs`;
}

await main();
