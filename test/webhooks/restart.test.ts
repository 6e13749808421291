/**
 * No event lost when the app stops mid-delivery: `conduit serve` (a child process, as a developer runs it) takes
 * a subscription and a work order, is killed while the callback has the event and has not answered, and a new
 * `conduit serve` on the same storage delivers it once the lease of the dead one ran out, by its drain timer.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { useAzurite } from "../helpers/azurite.js";
import { startTestIssuer, type TestIssuer } from "../auth/harness.js";
import { outboxRows } from "./app.js";
import { startReceiver, type Receiver } from "./receiver.js";

const CLI = fileURLToPath(new URL("../../scripts/cli.js", import.meta.url));
const REPO = process.cwd();
const KEY = "restart-test-key-abcdefghijklmnopqrstuvwxyz";

interface Served {
  readonly child: ChildProcess;
  readonly base: string;
  readonly output: () => string;
}

describe("a restart during delivery", () => {
  const azurite = useAzurite();
  let issuer: TestIssuer;
  let root: string;
  let receiver: Receiver;
  const children: ChildProcess[] = [];

  before(async () => {
    issuer = await startTestIssuer();
    receiver = await startReceiver();
    root = await mkdtemp(path.join(os.tmpdir(), "conduit-webhooks-"));
    await writeFile(path.join(root, "host.json"), await readFile(path.join(REPO, "host.json")));
    await mkdir(path.join(root, "spec"));
    await writeFile(path.join(root, "spec", "apiDefinition.swagger.yaml"), await readFile(path.join(REPO, "spec", "apiDefinition.swagger.yaml")));
    await writeFile(path.join(root, "local.settings.json"), JSON.stringify({ IsEncrypted: false, Values: { CONDUIT_FUNCTION_KEY: KEY } }));
  });
  after(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await receiver.close();
    await issuer.stop();
    await rm(root, { recursive: true, force: true });
  });

  function serve(extra: Record<string, string> = {}): Promise<Served> {
    const env: NodeJS.ProcessEnv = {};
    for (const [name, value] of Object.entries(process.env)) if (!name.startsWith("CONDUIT_") && name !== "AzureWebJobsStorage" && name !== "AZURE_FUNCTIONS_ENVIRONMENT") env[name] = value;
    Object.assign(env, issuer.settings, {
      AzureWebJobsStorage: azurite.handle().connectionString,
      // A short attempt (so a short lease) and a drain every second: the test waits seconds, not minutes.
      CONDUIT_WEBHOOK_TIMEOUT_SECONDS: "1",
      CONDUIT_WEBHOOK_DRAIN_SECONDS: "1",
      ...extra,
    });
    const script = `const { main } = await import(${JSON.stringify(new URL(`file://${CLI}`).href)}); process.exitCode = await main(["serve", "--port", "0", "--no-azurite", "--no-issuer"]);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve, reject) => {
      child.stdout!.on("data", () => {
        const base = /Function app listening on (\S+)/.exec(output)?.[1];
        if (base !== undefined && output.includes("Press Ctrl+C to stop.")) resolve({ child, base, output: () => output });
      });
      child.on("exit", (code) => reject(Object.assign(new Error(`conduit serve exited (${code}) before it was ready:\n${output}`), { code, output })));
    });
  }

  async function call(base: string, method: string, route: string, body?: unknown): Promise<Response> {
    const token = await issuer.mint();
    return fetch(route.startsWith("http") ? route : `${base}${route}`, {
      method,
      headers: { "x-functions-key": KEY, authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  test("the app is killed while the callback holds the event; the next app delivers it, once", async () => {
    const first = await serve();
    assert.match(first.output(), /TIMER\s+every 1 s\s+ConduitWebhookOutbox/, "conduit serve runs the drain timer");
    assert.match(first.output(), /POST\s+\/api\/subscriptions\/workorder-created\s+OnWorkOrderCreated/, "and serves the triggers");

    receiver.answer("hang");
    const subscribed = await call(first.base, "POST", "/subscriptions/workorder-created", { callbackUrl: receiver.url() });
    assert.equal(subscribed.status, 201);
    const created = await call(first.base, "POST", "/workorders", { title: "Fix the lift", customerName: "Contoso", siteAddress: "1 Main St" });
    assert.equal(created.status, 201);
    const workOrder = (await created.json()) as { id: string };

    const held = await receiver.next(undefined, 5_000);
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    receiver.answer({ status: 200 });

    const second = await serve();
    const redelivered = await receiver.next(undefined, 15_000, 1);
    assert.equal(redelivered.headers["webhook-id"], held.headers["webhook-id"], "the same event, by its id");
    assert.equal((redelivered.body as { id: string }).id, workOrder.id);

    for (let i = 0; i < 100 && (await outboxRows()).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(await outboxRows(), [], "delivered, and the outbox is empty");
    assert.equal(receiver.received.length, 2, "held once by the app that died, delivered once by the next");
    second.child.kill("SIGTERM");
    await new Promise((resolve) => second.child.once("exit", resolve));
  });

  test("a wrong webhook setting stops conduit serve with a message naming it, not a stack trace", async () => {
    const failed = await serve({ CONDUIT_WEBHOOK_DRAIN_SECONDS: "7" }).then(
      () => assert.fail("conduit serve started with CONDUIT_WEBHOOK_DRAIN_SECONDS=7"),
      (error: { code?: number; output?: string }) => error,
    );
    assert.equal(failed.code, 2);
    assert.match(failed.output ?? "", /CONDUIT_WEBHOOK_DRAIN_SECONDS must divide a minute or an hour evenly/);
    assert.doesNotMatch(failed.output ?? "", /\n\s+at .+:\d+:\d+/, "no stack trace");
  });
});
