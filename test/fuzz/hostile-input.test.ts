/**
 * Bad input at volume: thousands of malformed and hostile requests, made from the spec, to every sample
 * operation through the real local host over HTTP on 127.0.0.1, with the real handlers on Azurite. Never a 5xx,
 * never a crash, never a polluted prototype; whatever the contract refuses is a 4xx problem+json that says what
 * is wrong (detail or errors, naming the field). The requests come from a seeded PRNG: a failure prints the seed
 * and the request, and CONDUIT_FUZZ_SEED=<seed> replays the run. CONDUIT_FUZZ_COUNT and CONDUIT_FUZZ_SECONDS
 * bound it (defaults 4000 requests, 120 s).
 */
import assert from "node:assert/strict";
import { request as httpRequest, Agent, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { registrations as bindings } from "../../generated/registrations.js";
import { isObject } from "../../scripts/model/refs.js";
import { createLocalHost } from "../../scripts/serve/host.js";
import { exampleTechnicians } from "../../src/seed.js";
import { loadSwagger } from "../../scripts/spec/load.js";
import { registerOperations } from "../../src/runtime/register.js";
import { saveTechnicians } from "../../src/storage/technicians.js";
import { useAzurite } from "../helpers/azurite.js";
import { operationsOf, type FuzzOperation } from "./contract.js";
import { applicableKinds, hostileCase, validCase, type FuzzCase, type FuzzContext } from "./hostile.js";
import { Random } from "./prng.js";

const KEY = "fuzz-test-key-abcdefghijklmnopqrstuvwxyz012345";
const MAX_BODY = 64 * 1024;
const SEED = Number(process.env["CONDUIT_FUZZ_SEED"] ?? 20261129);
const COUNT = Number(process.env["CONDUIT_FUZZ_COUNT"] ?? 4000);
const SECONDS = Number(process.env["CONDUIT_FUZZ_SECONDS"] ?? 120);
const CONCURRENCY = 4;
/** Each kind of hostile request, for each operation it applies to, this many times before the random ones. */
const PER_KIND = 4;

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

function send(base: URL, agent: Agent, c: FuzzCase): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...c.headers };
    if (c.body !== undefined) headers["content-length"] = String(c.body.length);
    const req = httpRequest({ host: base.hostname, port: base.port, method: c.method, path: c.target, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers["content-type"] ?? ""), text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error("no answer within 30 s")));
    // The host may answer (413) before reading a large body and close: that is an answer, not a failure.
    req.on("error", reject);
    req.end(c.body);
  });
}

/** Why an answer breaks the rules, or undefined when it keeps them. */
function judge(c: FuzzCase, answer: Answer): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}`;
  if (c.expect === "invalid" && !(answer.status >= 400 && answer.status < 500)) return `answered ${answer.status}, expected a 4xx`;
  if (answer.status < 400) return undefined;
  if (!answer.contentType.startsWith("application/problem+json")) return `a ${answer.status} as ${answer.contentType || "no content type"}, not problem+json`;
  let problem: unknown;
  try {
    problem = JSON.parse(answer.text);
  } catch {
    return `a ${answer.status} whose body is not JSON`;
  }
  if (!isObject(problem) || problem["status"] !== answer.status) return `a problem whose status is not ${answer.status}`;
  const detail = typeof problem["detail"] === "string" && problem["detail"].trim() !== "";
  const errors = Array.isArray(problem["errors"]) && problem["errors"].length > 0;
  if (!detail && !errors) return `a ${answer.status} problem with neither detail nor errors`;
  // 413 is decided before the body is read: it names the limit, not a field.
  if (c.names !== undefined && answer.status !== 413 && !answer.text.includes(c.names)) return `a ${answer.status} problem that does not name ${JSON.stringify(c.names)}`;
  return undefined;
}

function describeCase(c: FuzzCase): string {
  const body = c.body === undefined ? "" : ` body(${c.body.length} B)=${JSON.stringify(c.body.subarray(0, 160).toString("latin1"))}`;
  return `[${c.kind}] ${c.method} ${c.target.slice(0, 200)} ${JSON.stringify({ ...c.headers, "x-functions-key": c.headers["x-functions-key"] === KEY ? "<key>" : c.headers["x-functions-key"] })}${body}`;
}

/** Own property names of the built-in prototypes a payload could reach. */
function prototypeShape(): string {
  return JSON.stringify([Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort()));
}

describe("hostile input at volume, over HTTP to the local host", () => {
  useAzurite();
  let server: Server;
  let base: URL;
  let operations: FuzzOperation[];
  let spec: Record<string, unknown>;
  const logs: string[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const shapeBefore = prototypeShape();

  before(async () => {
    const document = await loadSwagger(path.join(process.cwd(), "spec", "apiDefinition.swagger.yaml"));
    spec = isObject(document.data) ? document.data : {};
    operations = operationsOf(spec);
    const registrations = registerOperations(() => {}, bindings, { maxBodyBytes: MAX_BODY, responseValidation: "enforce" });
    server = createLocalHost({ registrations, routePrefix: "api", functionKey: KEY, maxBodyBytes: MAX_BODY, log: (line) => logs.push(line) });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await saveTechnicians(exampleTechnicians(spec));
  });

  after(async () => {
    agent.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test(`every operation, every kind of bad input, then random ones (seed ${SEED})`, async (t) => {
    const random = new Random(SEED);
    const ids: string[] = [];
    const ctx: FuzzContext = { spec, random, key: KEY, maxBodyBytes: MAX_BODY, ids };
    const create = operations.find((o) => o.operationId === "CreateWorkOrder");
    assert.ok(create, "the sample has CreateWorkOrder");
    for (let i = 0; i < 20; i++) {
      const answer = await send(base, agent, validCase(create, ctx));
      assert.equal(answer.status, 201, answer.text);
      ids.push(String((JSON.parse(answer.text) as { id: unknown }).id));
    }

    // An operation a team has added but not implemented answers 501 from its stub for every request that passes
    // validation: that is the contract for an unwritten handler, so the fuzz leaves it out until it is written.
    const implemented: FuzzOperation[] = [];
    for (const op of operations) {
      const probe = await send(base, agent, validCase(op, ctx));
      if (probe.status === 501) t.diagnostic(`${op.operationId} answers 501 (its handler is still a stub): left out`);
      else implemented.push(op);
    }

    // The catalog first (every kind on every operation it applies to), then random picks.
    const kinds = new Map(implemented.map((o) => [o, applicableKinds(o, ctx)]));
    const catalog: (() => FuzzCase | undefined)[] = [];
    for (const [op, list] of kinds) for (const kind of list) for (let i = 0; i < PER_KIND; i++) catalog.push(() => hostileCase(op, kind, ctx));
    let produced = 0;
    const nextCase = (): FuzzCase | undefined => {
      if (produced >= Math.max(COUNT, catalog.length)) return undefined;
      const index = produced++;
      if (index < catalog.length) return catalog[index]!();
      const op = random.pick(implemented);
      // One in five is a valid request, so real work (and real data) goes on among the hostile ones.
      return random.chance(0.2) ? validCase(op, ctx) : hostileCase(op, random.pick(kinds.get(op) ?? []), ctx);
    };

    const deadline = Date.now() + SECONDS * 1000;
    const failures: string[] = [];
    const tally = new Map<string, Map<number, number>>();
    let sent = 0;
    const worker = async (): Promise<void> => {
      for (let c = nextCase(); c !== undefined && Date.now() < deadline; c = nextCase()) {
        const index = sent++;
        let answer: Answer;
        try {
          answer = await send(base, agent, c);
        } catch (error) {
          failures.push(`#${index} ${describeCase(c)}: no answer: ${error instanceof Error ? error.message : String(error)}`);
          continue;
        }
        const statuses = tally.get(c.kind) ?? new Map<number, number>();
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        tally.set(c.kind, statuses);
        const why = judge(c, answer);
        if (why !== undefined) failures.push(`#${index} ${describeCase(c)}: ${why}: ${answer.text.slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    t.diagnostic(`${sent} requests (${catalog.length} from the catalog) in ${((SECONDS * 1000 - (deadline - Date.now())) / 1000).toFixed(1)} s, seed ${SEED}`);
    for (const [kind, statuses] of [...tally].sort(([a], [b]) => a.localeCompare(b))) {
      t.diagnostic(`  ${kind}: ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ")}`);
    }
    assert.ok(sent >= Math.min(COUNT, catalog.length), `only ${sent} requests went out before the time bound`);
    assert.deepEqual(failures.slice(0, 15), [], `${failures.length} answers broke the rules (replay with CONDUIT_FUZZ_SEED=${SEED})`);

    // Still standing, with nothing leaked into the built-in prototypes.
    assert.equal(prototypeShape(), shapeBefore, "a built-in prototype gained or lost properties");
    assert.equal((Object.prototype as Record<string, unknown>)["polluted"], undefined);
    assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
    assert.deepEqual(logs.filter((line) => line.startsWith("host error")), [], "the host's dispatch never failed");
    const list = await send(base, agent, validCase(operations.find((o) => o.operationId === "ListTechnicians")!, ctx));
    assert.equal(list.status, 200, list.text);
  });
});
