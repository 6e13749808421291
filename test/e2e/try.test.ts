/**
 * `conduit try` on the project's own app, as CI runs it: serve (real Azurite, the local issuer on a port of its
 * choosing), then try, which finds the app through serve's record, signs a token for that issuer, and checks each
 * answer with the generated validators. Each webhook trigger: a receiver subscribed on 127.0.0.1, the action that
 * fires it, the event checked with the generated event validator, the subscription deleted. Also against the
 * mock, against an app that breaks the contract, and with no app at all. An operation added the README's way
 * answers 501 from its stub: try says so and still passes.
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

const TRIGGERS = ["OnWorkOrderAssignedToMe", "OnWorkOrderCreated"];

async function withSpec<T>(root: string, edit: (spec: string) => string, run: () => Promise<T>): Promise<T> {
  const file = path.join(root, "spec", "apiDefinition.swagger.yaml");
  const original = await readFile(file, "utf8");
  const edited = edit(original);
  assert.notEqual(edited, original, "the edit applies");
  await writeFile(file, edited);
  try {
    return await run();
  } finally {
    await writeFile(file, original);
  }
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
      // Each trigger: subscribed (201), fired by the action its spec names, its event within the contract, unsubscribed.
      const triggers = lines.filter((l) => TRIGGERS.includes(l.action));
      assert.deepEqual(triggers.map((l) => [l.action, l.status, l.verdict]), [
        ["OnWorkOrderAssignedToMe", 201, "ok (CreateWorkOrder 201 fired it as ana.lopez@conduit.example.com; unsubscribed 204)"],
        ["OnWorkOrderCreated", 201, "ok (CreateWorkOrder 201 fired it; unsubscribed 204)"],
      ]);
      assert.ok(actions.indexOf("UpdateWorkOrder") < actions.indexOf("OnWorkOrderCreated") && actions.indexOf("OnWorkOrderCreated") < actions.indexOf("DeleteWorkOrder"), "triggers after the changes, before the delete");
      assert.doesNotMatch(result.stdout, /Delete\w+Subscription/, "the unsubscribe DELETEs are part of their triggers, not actions of their own");
      assert.match(result.stdout, /; 2 triggers: 2 delivered their events within the contract \(/);
      assert.deepEqual(sample.map((l) => [l.action, l.status, l.verdict]), [
        ["CreateWorkOrder", 201, "ok"],
        ["ListTechnicians", 200, "ok"],
        ["ListWorkOrders", 200, "ok"],
        ["GetWorkOrder", 200, "ok"],
        ["UpdateWorkOrder", 200, "ok"],
        ["DeleteWorkOrder", 204, "ok"],
      ]);
      for (const l of lines.filter((l) => !sample.includes(l) && !triggers.includes(l))) assert.match(l.verdict, /^(ok|not implemented \(stub\))$/, "an added operation passes or is a stub");
      // The ids flowed: the get, the update and the delete addressed the work order the create made.
      const id = /POST \/api\/workorders 201[\s\S]*?GET \/api\/workorders\/([0-9a-f-]{36}) 200/.exec(serve.output())?.[1];
      assert.ok(id, serve.output());
      assert.match(serve.output(), new RegExp(`PATCH /api/workorders/${id} 200`));
      assert.match(serve.output(), new RegExp(`DELETE /api/workorders/${id} 204`));
      assert.match(result.stdout, /\d+ calls: \d+ within the contract/);
      // The subscriptions were deleted through their Location, and each work order made to fire a trigger too.
      assert.equal(serve.output().match(/DELETE \/api\/subscriptions\/workorder-(created|assigned-to-me)\/[0-9a-f]{32} 204/g)?.length, 2, serve.output());
      assert.equal(serve.output().match(/DELETE \/api\/workorders\/\S+ 204/g)?.length, 3, serve.output());
      assert.doesNotMatch(result.stdout, /note: /, "nothing left behind");

      // One action: its create as setup, a delete as cleanup.
      const one = await conduit(root, ["try", "GetWorkOrder"]);
      assert.equal(one.code, 0, one.stdout);
      assert.deepEqual(calls(one.stdout).map((l) => l.action), ["CreateWorkOrder (setup)", "GetWorkOrder", "DeleteWorkOrder (cleanup)"]);
      const unknown = await conduit(root, ["try", "GetWorkorder2"]);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /the spec has no operation GetWorkorder2/);

      // A trigger whose event does not come fails the run: here the spec names an action that fires nothing.
      const silent = await withSpec(
        root,
        (spec) => spec.replace("simulate:\n          operationId: CreateWorkOrder\n", "simulate:\n          operationId: ListTechnicians\n"),
        () => conduit(root, ["try", "OnWorkOrderCreated", "--event-wait", "1"]),
      );
      assert.equal(silent.code, 1, silent.stdout);
      assert.match(silent.stdout, /OnWorkOrderCreated +POST +\/subscriptions\/workorder-created +201 +\d+ ms {2}NO EVENT \(ListTechnicians 200; unsubscribed 204\)\n {6}no event within 1 s after ListTechnicians 200\n/);
      assert.match(silent.stdout, /1 trigger: 1 without an event/);
      // "Assigned to me" for a user whose technician was not assigned: the event rightly does not come.
      const other = await withSpec(
        root,
        (spec) => spec.replace("user: ana.lopez@conduit.example.com", "user: ben.okafor@conduit.example.com"),
        () => conduit(root, ["try", "OnWorkOrderAssignedToMe", "--event-wait", "1"]),
      );
      assert.equal(other.code, 1, other.stdout);
      assert.match(other.stdout, /NO EVENT \(CreateWorkOrder 201 as ben\.okafor@conduit\.example\.com; unsubscribed 204\)\n {6}no event within 1 s after CreateWorkOrder 201 \(it fires for ben\.okafor@conduit\.example\.com\)/);
      // With a token of the user's own, try cannot sign in as the trigger's user: it says so and skips it.
      const token = await conduit(root, ["try", "OnWorkOrderAssignedToMe", "--token", "not-a-token"]);
      assert.equal(token.code, 0, token.stdout);
      assert.match(token.stdout, /skipped: it fires for ana\.lopez@conduit\.example\.com, and try can sign in as them only with the local issuer/);
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
      for (const name of TRIGGERS) assert.match(result.stdout, new RegExp(`${name} +POST +\\S+ +- +- {2}skipped: serve --mock takes subscriptions from the spec's examples and delivers no events`));
      assert.match(serve.output(), /triggers answer their subscription from the examples and deliver no event \(conduit try skips them\): OnWorkOrderAssignedToMe, OnWorkOrderCreated/);
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

  test("an app whose event is outside the notification schema: the trigger says what is wrong, exit 1", async () => {
    // A stand-in app that subscribes and unsubscribes as the contract says, but posts an event that is no work order.
    const subscriptions = new Map<string, string>();
    const posted: string[] = [];
    const app = http.createServer((req, res) => {
      let text = "";
      req.on("data", (chunk: Buffer) => (text += chunk.toString()));
      req.on("end", () => {
        const url = req.url ?? "";
        if (req.method === "POST" && url === "/api/subscriptions/workorder-created") {
          const id = "0123456789abcdef0123456789abcdef";
          subscriptions.set(id, (JSON.parse(text) as { callbackUrl: string }).callbackUrl);
          res.writeHead(201, { location: `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/subscriptions/workorder-created/${id}` }).end();
        } else if (req.method === "POST" && url === "/api/workorders") {
          res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: "w1" }));
          for (const callback of subscriptions.values()) {
            void fetch(callback, { method: "POST", headers: { "content-type": "application/json", "webhook-id": "e1" }, body: JSON.stringify({ id: 7, title: "x" }) }).then((r) => posted.push(`${r.status}`));
          }
        } else if (req.method === "DELETE" && url.startsWith("/api/subscriptions/workorder-created/")) {
          subscriptions.delete(url.split("/").at(-1)!);
          res.writeHead(204).end();
        } else if (req.method === "DELETE" && url === "/api/workorders/w1") {
          res.writeHead(204).end();
        } else res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api`;
      const result = await conduit(root, ["try", "OnWorkOrderCreated", "--url", url, "--key", "k"]);
      assert.equal(result.code, 1, result.stdout);
      assert.match(result.stdout, /OnWorkOrderCreated +POST +\/subscriptions\/workorder-created +201 +\d+ ms {2}OUTSIDE THE CONTRACT \(CreateWorkOrder 201 fired it; unsubscribed 204\)\n/);
      assert.match(result.stdout, /\n {6}event\/id must be string\n/);
      assert.match(result.stdout, /\n {6}event must have required property 'status'\n/);
      assert.match(result.stdout, /1 trigger: 1 outside the contract/);
      assert.equal(subscriptions.size, 0, "unsubscribed");
      assert.deepEqual(posted, ["202"], "try's receiver took the event");
    } finally {
      app.close();
    }
  });
  test("several apps running: try lists them and asks for --url; --url signs the token with that app's issuer, for --user", async () => {
    const first = startServe(root, ["--mock"]);
    const second = startServe(root, ["--mock"]);
    try {
      await Promise.all([first.ready, second.ready]);
      const urls = [first.output(), second.output()].map((text) => /Function app listening on (\S+)/.exec(text)![1]!);
      const ambiguous = await conduit(root, ["try", "TestConnection"]);
      assert.equal(ambiguous.code, 2, ambiguous.stdout);
      assert.match(ambiguous.stderr, /2 apps are running in this project; choose one with --url/);
      for (const url of urls) assert.ok(ambiguous.stderr.includes(`  ${url}  (mock, pid `), ambiguous.stderr);
      for (const url of urls) {
        // localhost names the same app as 127.0.0.1: its record, so its issuer, is found all the same.
        const result = await conduit(root, ["try", "TestConnection", "ListTechnicians", "--url", url.replace("127.0.0.1", "localhost"), "--user", "bob"]);
        assert.equal(result.code, 0, result.stdout);
        assert.match(result.stdout, /\(mock, pid \d+\) as bob\n/);
        assert.ok(calls(result.stdout).every((l) => l.status === 200 && l.verdict === "ok"), result.stdout);
      }
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  test("--url to an app serve did not record: a token for --user from the local issuer; a refusal says how to pass one", async () => {
    const seen: string[] = [];
    const app = http.createServer((req, res) => {
      req.resume();
      seen.push(req.headers.authorization ?? "");
      res.writeHead(401, { "www-authenticate": 'Bearer error="invalid_token", error_description="The access token is from another issuer"', "content-type": "application/problem+json" });
      res.end(JSON.stringify({ detail: "The access token is from another issuer." }));
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api`;
      const result = await conduit(root, ["try", "TestConnection", "--url", url, "--key", "k", "--user", "bob"]);
      assert.equal(result.code, 1, result.stdout);
      assert.equal(seen.length, 1);
      const claims = JSON.parse(Buffer.from(seen[0]!.replace(/^Bearer /, "").split(".")[1]!, "base64url").toString()) as { preferred_username?: string };
      assert.match(claims.preferred_username ?? "", /^bob@/);
      assert.match(result.stdout, / as bob\n/);
      assert.match(result.stdout, /the token try signed for bob \(issuer http:\/\/127\.0\.0\.1:\d+\/[^)]+\) was refused: does the app trust the local issuer/);
    } finally {
      app.close();
    }
  });
});
