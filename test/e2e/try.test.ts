/**
 * `conduit try` on the project's own app, as CI runs it: serve (real Azurite, the local issuer on a port of its
 * choosing), then try, which finds the app through serve's record, signs a token for that issuer, and checks each
 * answer with the generated validators. Also against the mock, against an app that breaks the contract, and with
 * no app at all. An operation added the README's way answers 501 from its stub: try says so and still passes.
 */
import assert from "node:assert/strict";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const CLI = fileURLToPath(new URL("../../scripts/cli.js", import.meta.url));
const REPO = process.cwd();

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("CONDUIT_") && name !== "AzureWebJobsStorage" && name !== "NODE_ENV" && name !== "AZURE_FUNCTIONS_ENVIRONMENT") env[name] = value;
  }
  return env;
}

function script(args: readonly string[]): string {
  return `const { main } = await import(${JSON.stringify(new URL(`file://${CLI}`).href)}); process.exitCode = await main(${JSON.stringify(args)});`;
}

async function conduit(cwd: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--input-type=module", "-e", script(args)], { cwd, env: cleanEnv() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** A folder holding what serve and try read: host.json and the project's spec. */
async function project(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "conduit-try-"));
  await writeFile(path.join(root, "host.json"), await readFile(path.join(REPO, "host.json")));
  await mkdir(path.join(root, "spec"));
  await writeFile(path.join(root, "spec", "apiDefinition.swagger.yaml"), await readFile(path.join(REPO, "spec", "apiDefinition.swagger.yaml")));
  return root;
}

function startServe(root: string, args: readonly string[]): { child: ChildProcess; output: () => string; ready: Promise<void>; stop: () => Promise<number | null> } {
  const child = spawn(process.execPath, ["--input-type=module", "-e", script(["serve", "--port", "0", "--azurite-port", "0", "--issuer-port", "0", ...args])], {
    cwd: root,
    env: cleanEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", () => output.includes("Press Ctrl+C to stop.") && resolve());
    void exited.then((code) => reject(new Error(`serve exited (${code}):\n${output}`)));
  });
  return {
    child,
    output: () => output,
    ready,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGINT");
      return exited;
    },
  };
}

/** One line per call: action, route, status, time, verdict. */
const LINE = /^ {2}(\S+(?: \((?:setup|cleanup)\))?) +(GET|POST|PUT|PATCH|DELETE) +(\S+) +(\d{3}) +(\d+) ms {2}(.+)$/gm;

function calls(stdout: string): { action: string; status: number; verdict: string }[] {
  return [...stdout.matchAll(LINE)].map((m) => ({ action: m[1]!, status: Number(m[4]), verdict: m[6]! }));
}

describe("conduit try", () => {
  let root: string;
  before(async () => {
    root = await project();
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test("with no app running: exit 2, saying how to start one", async () => {
    const result = await conduit(root, ["try"]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /no app is running in this project .*start it with `npm start`/);
  });

  test("against conduit serve: every action of the sample within the contract, the work order it creates deleted", async () => {
    const serve = startServe(root, []);
    try {
      await serve.ready;
      const result = await conduit(root, ["try"]);
      assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
      const lines = calls(result.stdout);
      const actions = lines.map((l) => l.action);
      assert.deepEqual(actions.slice(0, 1), ["CreateWorkOrder"], "the create runs first");
      assert.equal(actions.at(-1), "DeleteWorkOrder", "the delete runs last");
      for (const name of ["ListTechnicians", "ListWorkOrders", "GetWorkOrder", "UpdateWorkOrder"]) assert.ok(actions.includes(name), `${name} is called`);
      const sample = lines.filter((l) => ["CreateWorkOrder", "ListTechnicians", "ListWorkOrders", "GetWorkOrder", "UpdateWorkOrder", "DeleteWorkOrder"].includes(l.action));
      assert.deepEqual(sample.map((l) => [l.action, l.status, l.verdict]), [
        ["CreateWorkOrder", 201, "ok"],
        ["ListTechnicians", 200, "ok"],
        ["ListWorkOrders", 200, "ok"],
        ["GetWorkOrder", 200, "ok"],
        ["UpdateWorkOrder", 200, "ok"],
        ["DeleteWorkOrder", 204, "ok"],
      ]);
      for (const l of lines.filter((l) => !sample.includes(l))) assert.match(l.verdict, /^(ok|not implemented \(stub\))$/, "an added operation passes or is a stub");
      // The ids flowed: the get, the update and the delete addressed the work order the create made.
      const id = /POST \/api\/workorders 201[\s\S]*?GET \/api\/workorders\/([0-9a-f-]{36}) 200/.exec(serve.output())?.[1];
      assert.ok(id, serve.output());
      assert.match(serve.output(), new RegExp(`PATCH /api/workorders/${id} 200`));
      assert.match(serve.output(), new RegExp(`DELETE /api/workorders/${id} 204`));
      assert.match(result.stdout, /\d+ calls: \d+ within the contract/);

      // One action: its create as setup, a delete as cleanup.
      const one = await conduit(root, ["try", "GetWorkOrder"]);
      assert.equal(one.code, 0, one.stdout);
      assert.deepEqual(calls(one.stdout).map((l) => l.action), ["CreateWorkOrder (setup)", "GetWorkOrder", "DeleteWorkOrder (cleanup)"]);
      const unknown = await conduit(root, ["try", "GetWorkorder2"]);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /the spec has no operation GetWorkorder2/);
    } finally {
      assert.equal(await serve.stop(), 0, serve.output());
    }
  });

  test("against conduit serve --mock: the examples are within the contract", async () => {
    const serve = startServe(root, ["--mock"]);
    try {
      await serve.ready;
      const result = await conduit(root, ["try"]);
      assert.equal(result.code, 0, result.stdout);
      assert.ok(calls(result.stdout).every((l) => l.verdict === "ok"), result.stdout);
      assert.match(result.stdout, /\(mock, pid \d+\)/);
    } finally {
      await serve.stop();
    }
  });

  test("an app that answers outside the contract: each call says what is wrong, exit 1", async () => {
    // A stand-in app that is wrong in the ways a handler can be: 200 with an empty object for everything.
    const wrong = http.createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
    await new Promise<void>((resolve) => wrong.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(wrong.address() as AddressInfo).port}/api`;
      const result = await conduit(root, ["try", "ListTechnicians", "CreateWorkOrder", "--url", url, "--key", "k"]);
      assert.equal(result.code, 1, result.stdout);
      assert.match(result.stdout, /ListTechnicians +GET +\/technicians +200 +\d+ ms {2}OUTSIDE THE CONTRACT\n {6}body must have required property 'value'/);
      assert.match(result.stdout, /CreateWorkOrder +POST +\/workorders +200 +\d+ ms {2}OUTSIDE THE CONTRACT\n {6}status 200 is not declared \(the spec declares 201, [^)]*\)/);
      assert.match(result.stdout, /outside the contract/);
    } finally {
      wrong.close();
    }
  });
});
