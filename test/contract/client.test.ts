/**
 * The contract as a client nobody here wrote sees it: `conduit client` generates the typescript-fetch SDK from the
 * bundled definition, `tsc --strict` compiles it together with fixtures/calls.ts, and those calls go through it to
 * the sample app over HTTP (local host, real Azurite, function key and user token): every operation, success and
 * error paths, error bodies read as the contract's Problem.
 *
 * It needs Java (openapi-generator is a Java program) and, on a machine's first run, Maven Central for the
 * generator's JAR. Without Java it is skipped with the reason, except under CI (CI=true), where it fails.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { operations, type OperationId } from "../../generated/operations.js";
import { findJava } from "../../scripts/client/java.js";
import { useAzurite } from "../helpers/azurite.js";
import { startSampleServer, type SampleServer } from "../helpers/sample-server.js";

const ROOT = process.cwd();
const javaMissing = await findJava().then(
  () => undefined,
  (error: Error) => error.message,
);

/** What fixtures/calls.ts exports, as this file sees it once compiled (the client's types stay over there). */
interface CallsModule {
  readonly COVERED: readonly OperationId[];
  contract(target: { basePath: string; key: string; token: string; tokenWithoutScope: string }): {
    readonly scenarios: Readonly<Record<string, () => Promise<void>>>;
    readonly exchanges: readonly { method: string; url: string; status: number }[];
  };
}

if (javaMissing !== undefined && process.env["CI"]) {
  test("the generated client's contract test needs Java", () => assert.fail(`CI runs the contract test, and ${javaMissing}`));
}

describe("the typescript-fetch client from `conduit client`, against the sample app", { skip: javaMissing === undefined ? false : `Java is missing, so the contract test cannot run: ${javaMissing}` }, () => {
  useAzurite();
  let server: SampleServer;
  let work: string;

  before(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "conduit-contract-"));
    server = await startSampleServer();
  });

  after(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test("conduit client generates it from the bundled definition (ESM imports through the pass-through options)", async (t) => {
    const started = performance.now();
    const result = await run(process.execPath, [path.join(ROOT, "bin/conduit.js"), "client", "--out", path.join(work, "client"), "--", "--additional-properties=importFileExtension=.js"], ROOT);
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /wrote .*typescript-fetch client \(openapi-generator 7\.23\.0/);
    t.diagnostic(`generated in ${Math.round(performance.now() - started)} ms: ${result.output.trim().split("\n").at(-1) ?? ""}`);
  });

  test("it compiles under tsc --strict together with the calls that use it", async (t) => {
    await copyFile(path.join(ROOT, "test/contract/fixtures/calls.ts"), path.join(work, "calls.ts"));
    await writeFile(path.join(work, "package.json"), `${JSON.stringify({ type: "module" })}\n`);
    const tsconfig = {
      compilerOptions: {
        strict: true,
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        // The client is written for fetch in a browser or Node 18+: DOM's fetch types.
        lib: ["ES2022", "DOM"],
        types: ["node"],
        typeRoots: [path.join(ROOT, "node_modules/@types")],
        outDir: "out",
        rootDir: ".",
      },
      include: ["calls.ts", "client/**/*.ts"],
    };
    await writeFile(path.join(work, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
    const started = performance.now();
    const result = await run(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", path.join(work, "tsconfig.json")], work);
    assert.equal(result.code, 0, `tsc --strict:\n${result.output}`);
    t.diagnostic(`compiled in ${Math.round(performance.now() - started)} ms`);
  });

  test("every operation through it: success and error paths, error bodies as typed Problems", async (t) => {
    const calls = (await import(pathToFileURL(path.join(work, "out/calls.js")).href)) as CallsModule;
    const tokenWithoutScope = await server.mint({ scopes: [] });
    const { scenarios, exchanges } = calls.contract({ basePath: server.base, key: server.key, token: server.token, tokenWithoutScope });
    for (const [name, scenario] of Object.entries(scenarios)) await t.test(name, scenario);

    const byOperation = new Map<string, number[]>();
    for (const exchange of exchanges) {
      const operationId = operationOf(exchange.method, new URL(exchange.url).pathname);
      assert.ok(operationId, `${exchange.method} ${exchange.url} is an operation of the contract`);
      byOperation.set(operationId, [...(byOperation.get(operationId) ?? []), exchange.status]);
    }
    for (const operationId of calls.COVERED) {
      const statuses = byOperation.get(operationId) ?? [];
      assert.ok(statuses.some((s) => s >= 200 && s < 300), `${operationId} succeeded at least once (${statuses.join(", ")})`);
      assert.ok(statuses.some((s) => s >= 400 && s < 500), `${operationId} failed at least once (${statuses.join(", ")})`);
    }
    const untested = (Object.keys(operations) as OperationId[]).filter((id) => !calls.COVERED.includes(id));
    if (untested.length > 0) t.diagnostic(`not in test/contract/fixtures/calls.ts yet: ${untested.join(", ")}`);
    t.diagnostic(
      `${exchanges.length} calls: ${[...byOperation].map(([id, statuses]) => `${id} ${statuses.length} (${[...new Set(statuses)].sort().join("/")})`).join(", ")}`,
    );
  });
});

function operationOf(method: string, pathname: string): OperationId | undefined {
  for (const [id, operation] of Object.entries(operations) as [OperationId, (typeof operations)[OperationId]][]) {
    if (operation.method !== method.toUpperCase()) continue;
    const pattern = operation.path.replace(/\{[^}]+\}/g, "[^/]+");
    if (new RegExp(`^/api${pattern}$`, "i").test(pathname)) return id;
  }
  return undefined;
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) => resolve({ code, output }));
  });
}
