/**
 * schemathesis (a Python tool nobody here wrote) against the sample app over HTTP on 127.0.0.1, with the function key
 * and a user token: it reads the bundled definition, generates requests from it, and holds every answer to it with
 * its stock checks (schemathesis.toml says which check it leaves out for which operation, and why). Three runs,
 * each bounded by an example count per operation and a time limit: positive data, negative data, then stateful
 * sequences (create, then get, update and delete what was created). Zero failures.
 *
 * It needs Python 3.11 with venv; schemathesis itself is installed once per machine from PyPI into a cached virtual
 * environment (venv.ts). Without Python it is skipped with the reason, except under CI (CI=true), where it fails.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { stringifyJson } from "../../scripts/bundle/ordered.js";
import { loadBundledDefinition } from "../../scripts/bundle/package.js";
import { projectLayout } from "../../scripts/project.js";
import { DEFAULT_MAX_BODY_BYTES } from "../../src/runtime/settings.js";
import { operationsOf } from "../fuzz/contract.js";
import { validCase } from "../fuzz/hostile.js";
import { Random } from "../fuzz/prng.js";
import { useAzurite } from "../helpers/azurite.js";
import { startSampleServer, type SampleServer } from "../helpers/sample-server.js";
import { sampleSpec } from "../helpers/spec.js";
import { ensureSchemathesis, findPython, runSchemathesis, type Schemathesis } from "./venv.js";

const CONFIG = path.resolve(process.cwd(), "test/schemathesis/schemathesis.toml");
/** Fixed, so that CI is repeatable; another seed explores other inputs (CONDUIT_SCHEMATHESIS_SEED=...). */
const SEED = process.env["CONDUIT_SCHEMATHESIS_SEED"] ?? "20261202";
const MAX_EXAMPLES = process.env["CONDUIT_SCHEMATHESIS_EXAMPLES"] ?? "100";
const RUN_LIMIT_MS = 5 * 60_000;

const python = await findPython();
const pythonMissing = typeof python === "string" ? python : undefined;

const RUNS = [
  { name: "positive", args: ["--mode", "positive", "--phases", "examples,coverage,fuzzing"], what: "schema-valid requests: the examples, boundary values, then random ones" },
  { name: "negative", args: ["--mode", "negative", "--phases", "coverage,fuzzing"], what: "requests that break the schema, each to be refused with a 4xx" },
  { name: "stateful", args: ["--phases", "stateful"], what: "sequences that use what earlier answers returned (ids, etags)" },
] as const;

interface Report {
  readonly test_cases: { readonly generated: number };
  readonly failures: readonly { readonly code: string; readonly title: string; readonly count: number; readonly operations: readonly string[] }[];
  readonly errors: readonly unknown[];
  readonly operations: { readonly tested: number; readonly selected: number; readonly total: number };
}

if (pythonMissing !== undefined && process.env["CI"]) {
  test("schemathesis needs Python", () => assert.fail(`CI runs schemathesis, and ${pythonMissing}`));
}

describe("schemathesis against the sample app, as an outside client", { skip: pythonMissing === undefined ? false : `Python is missing, so schemathesis cannot run: ${pythonMissing}` }, () => {
  useAzurite();
  let tool: Schemathesis;
  let server: SampleServer;
  let work: string;
  let definition: string;
  /** Operations a team has added but not written yet: their stub answers 501 to everything, as it should. */
  let stubs: string[] = [];

  before(async () => {
    tool = await ensureSchemathesis((python as { executable: string }).executable);
    work = await mkdtemp(path.join(os.tmpdir(), "conduit-schemathesis-"));
    definition = path.join(work, "apiDefinition.swagger.json");
    await writeFile(definition, `${stringifyJson(await loadBundledDefinition(projectLayout()))}\n`);
    server = await startSampleServer();
    stubs = await operationsAnswering501(server);
  });

  after(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  for (const [index, phase] of RUNS.entries()) {
    test(`${phase.name}: ${phase.what}; no failure`, async (t) => {
      if (index === 0 && stubs.length > 0) t.diagnostic(`left out, their handlers are still stubs (501): ${stubs.join(", ")}`);
      if (index === 0 && tool.installedMs !== undefined) t.diagnostic(`schemathesis installed from PyPI into ${tool.folder} in ${Math.round(tool.installedMs)} ms`);
      const report = path.join(work, `${phase.name}.json`);
      const before = server.logs.length;
      const outcome = await runSchemathesis(
        tool,
        [
          "--config-file",
          CONFIG,
          "run",
          definition,
          "--url",
          server.base,
          "--header",
          `x-functions-key: ${server.key}`,
          "--header",
          `Authorization: Bearer ${server.token}`,
          ...phase.args,
          ...stubs.flatMap((operationId) => ["--exclude-operation-id", operationId]),
          "--max-examples",
          MAX_EXAMPLES,
          "--seed",
          SEED,
          "--request-timeout",
          "10",
          "--report",
          "json",
          "--report-json-path",
          report,
        ],
        work,
        RUN_LIMIT_MS,
      );
      const requests = server.logs.slice(before).filter((line) => /^[A-Z]+ \S+ \d{3} /.test(line));
      const statuses = new Map<string, number>();
      for (const line of requests) {
        const status = line.split(" ")[2] ?? "?";
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      const summary = (await readFile(report, "utf8").then((text) => JSON.parse(text) as Report, () => undefined)) ?? undefined;
      t.diagnostic(
        `${phase.name}: ${requests.length} requests (${[...statuses].sort().map(([s, n]) => `${s}: ${n}`).join(", ")}), ` +
          `${summary?.test_cases.generated ?? "?"} test cases on ${summary?.operations.tested ?? "?"} of ${summary?.operations.total ?? "?"} operations, ` +
          `${summary?.failures.reduce((sum, f) => sum + f.count, 0) ?? "?"} failures (seed ${SEED}, ${MAX_EXAMPLES} examples)`,
      );
      assert.equal(outcome.code, 0, `schemathesis ${phase.name} failed (replay with CONDUIT_SCHEMATHESIS_SEED=${SEED}):\n${lastLines(outcome.output, 150)}`);
      assert.ok(summary, "schemathesis wrote its report");
      assert.deepEqual(summary.failures, []);
      assert.deepEqual(summary.errors, []);
      // Stateful sequences cover the operations that link to one another (create → get, update, delete).
      if (phase.name !== "stateful") assert.equal(summary.operations.tested, summary.operations.selected, "every operation was tested");
      assert.ok(requests.length > 0, "the app was called");
      assert.equal(server.logs.filter((line) => /\[error\]|host error/.test(line)).length, 0, "the app logged no error");
    });
  }
});

/** One request the contract accepts per operation (the fuzz test's), to find the handlers that are still stubs. */
async function operationsAnswering501(server: SampleServer): Promise<string[]> {
  const spec = sampleSpec();
  const context = { spec, random: new Random(1), key: server.key, maxBodyBytes: DEFAULT_MAX_BODY_BYTES, ids: [] };
  const origin = new URL(server.base).origin;
  const stubs: string[] = [];
  for (const operation of operationsOf(spec)) {
    const probe = validCase(operation, context);
    const response = await fetch(`${origin}${probe.target}`, {
      method: probe.method,
      headers: { ...probe.headers, authorization: `Bearer ${server.token}` },
      ...(probe.body === undefined ? {} : { body: probe.body }),
    });
    await response.arrayBuffer();
    if (response.status === 501) stubs.push(operation.operationId);
  }
  return stubs;
}

function lastLines(text: string, count: number): string {
  return text.trim().split("\n").slice(-count).join("\n");
}
