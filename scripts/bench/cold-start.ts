/**
 * Cold start: from process start to every operation registered and the first request answered, each run in a
 * fresh `node` (cold-start-probe.js), for conduit's function app and the two apps it is compared against
 * (app-variants.ts). Variants take turns run by run so a noisy neighbour slows them alike; medians are reported.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import type { OperationSpec } from "../../src/runtime/contract.js";
import type { AppVariants } from "./app-variants.js";
import type { ProbeRequest, ProbeResult } from "./cold-start-probe.js";
import { median } from "./stats.js";

export type VariantName = keyof AppVariants;
export const VARIANTS: readonly VariantName[] = ["bare", "conduit", "conduitWithoutAuth", "compileAtStart"];

export interface VariantFigures {
  readonly registeredMs: number;
  readonly answeredMs: number;
  readonly cpuMs: number;
  /** From spawn to the probe's report, as the parent saw it. */
  readonly wallMs: number;
  readonly rssBytes: number;
  /** The first request's status in each run (the same for every variant unless validation answers first). */
  readonly statuses: readonly number[];
  readonly runs: number;
}

export type ColdStartFigures = Readonly<Record<VariantName, VariantFigures>>;

const PROBE = fileURLToPath(new URL("./cold-start-probe.js", import.meta.url));

/**
 * The first request: a GET that needs no query, header or body when there is one (path parameters get "1"),
 * else the first operation with whatever it requires left out (it is answered all the same).
 */
export function firstRequest(operations: readonly OperationSpec[]): ProbeRequest {
  const simple = (o: OperationSpec) => o.method === "GET" && o.body === undefined && o.parameters.every((p) => p.in === "path" || !p.required);
  const operation = operations.find(simple) ?? operations[0];
  if (operation === undefined) throw new Error("the spec has no operations");
  const params: Record<string, string> = {};
  for (const p of operation.parameters) if (p.in === "path") params[p.name] = "1";
  const route = operation.route.replace(/\{([^}:?]+)[^}]*\}/g, (_, name: string) => encodeURIComponent(params[name] ?? "1"));
  return {
    name: operation.name ?? operation.operationId,
    method: operation.method,
    url: `http://127.0.0.1:7071/api/${route}`,
    params,
    headers: operation.body === undefined ? {} : { "content-type": "application/json" },
    ...(operation.body === undefined ? {} : { body: "{}" }),
  };
}

/** The environment of the measured app: the machine's own auth and storage settings left out, auth off. */
export function appEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("CONDUIT_") && name !== "AzureWebJobsStorage" && name !== "NODE_OPTIONS") env[name] = value;
  }
  return { ...env, CONDUIT_AUTH_MODE: "off" };
}

function probe(entry: string, request: ProbeRequest): Promise<ProbeResult & { wallMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [PROBE, entry, JSON.stringify(request)], { env: appEnvironment(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let wallMs = Number.NaN;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (Number.isNaN(wallMs) && stdout.includes("\n")) wallMs = performance.now() - started;
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const line = stdout.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) {
        reject(new Error(`${entry} did not start (exit ${code}):\n${stderr.trim().split("\n").slice(0, 12).join("\n")}`));
        return;
      }
      resolve({ ...(JSON.parse(line) as ProbeResult), wallMs });
    });
  });
}

export async function measureColdStart(
  variants: AppVariants,
  request: ProbeRequest,
  runs: number,
  only: readonly VariantName[] = VARIANTS,
): Promise<Partial<Record<VariantName, VariantFigures>>> {
  const results = new Map<VariantName, (ProbeResult & { wallMs: number })[]>(only.map((v) => [v, []]));
  // One unmeasured start of each warms the file system cache, as a deployed app's files would be.
  for (const variant of only) await probe(variants[variant], request);
  for (let run = 0; run < runs; run++) {
    for (const variant of only) results.get(variant)!.push(await probe(variants[variant], request));
  }
  const figures: Partial<Record<VariantName, VariantFigures>> = {};
  for (const [variant, list] of results) {
    figures[variant] = {
      registeredMs: median(list.map((r) => r.registeredMs)),
      answeredMs: median(list.map((r) => r.answeredMs)),
      cpuMs: median(list.map((r) => r.cpuMs)),
      wallMs: median(list.map((r) => r.wallMs)),
      rssBytes: median(list.map((r) => r.rssBytes)),
      statuses: [...new Set(list.map((r) => r.status))],
      runs: list.length,
    };
  }
  return figures;
}
