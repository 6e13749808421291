/**
 * `conduit dev` with the sample app's webhook triggers (a copy of the project: its spec, handlers and generated
 * code, in a folder of its own; real Azurite, real HTTP): a delivery waiting in the app when a save reloads it is
 * handed to the next app through the outbox and delivered once, when due; a wrong webhook setting stops dev with
 * its message.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { createDevProject } from "../../scripts/bench/dev-project.js";
import { useAzurite } from "../helpers/azurite.js";
import { outboxRows } from "../webhooks/app.js";
import { startReceiver } from "../webhooks/receiver.js";

describe("conduit dev with webhook triggers", () => {
  const azurite = useAzurite();

  test("a retry waiting in the app when a save reloads it goes to the next app through the outbox: delivered once, when due", async () => {
    const project = await createDevProject({ spec: await readFile(path.join("spec", "apiDefinition.swagger.yaml"), "utf8"), app: true });
    const receiver = await startReceiver();
    // The drain every second, so that the test need not wait a minute for the next app's drain.
    const dev = project.start(["dev", "--port", "0", "--no-azurite", "--issuer-port", "0"], {
      AzureWebJobsStorage: azurite.handle().connectionString,
      CONDUIT_WEBHOOK_DRAIN_SECONDS: "1",
    });
    try {
      const base = (await dev.waitFor(/Function app listening on (\S+)/))[1]!;
      await dev.waitFor(/Press Ctrl\+C to stop\./);
      assert.match(dev.output(), /TIMER\s+every 1 s\s+ConduitWebhookOutbox/, "the banner lists the drain, run by the current app");
      const key = (JSON.parse(await readFile(path.join(project.root, "local.settings.json"), "utf8")) as { Values: Record<string, string> }).Values["CONDUIT_FUNCTION_KEY"]!;
      const token = (await promisify(execFile)(process.execPath, [path.join(project.root, "bin", "conduit.js"), "token", "--user", "ana"], { cwd: project.root })).stdout.trim();
      const call = (method: string, route: string, body: unknown) =>
        fetch(`${base}${route}`, {
          method,
          headers: { "x-functions-key": key, authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });

      // The flow is down for a while: 503 with Retry-After 8 s parks the retry in the app that posted.
      receiver.answer({ status: 503, headers: { "retry-after": "8" } }, { status: 200 });
      assert.equal((await call("POST", "/subscriptions/workorder-created", { callbackUrl: receiver.url() })).status, 201);
      assert.equal((await call("POST", "/workorders", { title: "Fix the lift", customerName: "Contoso", siteAddress: "1 Main St" })).status, 201);
      const refused = await receiver.next(undefined, 10_000);

      const from = dev.output().length;
      const handler = path.join(project.root, "src", "handlers", "ListTechnicians.ts");
      await writeFile(handler, `${await readFile(handler, "utf8")}\nexport const savedAgain = true;\n`);
      await dev.waitFor(/\[dev\] {3}reload +\d+(?: ms|\.\d s) {2}served /, { from });
      // Handed back due at its retry time, the next app's drain takes it then; left leased (a lease is two 10 s
      // attempts and a second past the retry), it would come some 20 s later.
      const delivered = await receiver.next(undefined, 15_000, 1);
      assert.equal(delivered.headers["webhook-id"], refused.headers["webhook-id"], "the same event");
      for (let i = 0; i < 50 && (await outboxRows()).length > 0; i++) await sleep(100);
      assert.deepEqual(await outboxRows(), [], "delivered, and the outbox is empty");
      assert.equal(receiver.received.length, 2, "refused once, delivered once: the old app did not send it too");
    } finally {
      assert.equal(await dev.stop(), 0, dev.output());
      await receiver.close();
      await project.remove();
    }
  });

  test("a wrong webhook setting stops conduit dev with a message naming it, not a stack trace", async () => {
    const project = await createDevProject({ spec: await readFile(path.join("spec", "apiDefinition.swagger.yaml"), "utf8"), app: true });
    try {
      const dev = project.start(["dev", "--port", "0", "--no-azurite", "--issuer-port", "0"], {
        AzureWebJobsStorage: azurite.handle().connectionString,
        CONDUIT_WEBHOOK_DRAIN_SECONDS: "7",
      });
      const code = await new Promise<number | null>((resolve) => (dev.child.exitCode !== null ? resolve(dev.child.exitCode) : dev.child.once("exit", (c) => resolve(c))));
      assert.equal(code, 2, dev.output());
      assert.match(dev.output(), /conduit: CONDUIT_WEBHOOK_DRAIN_SECONDS must divide a minute or an hour evenly .*it is "7"/);
      assert.doesNotMatch(dev.output(), /\n\s+at /);
    } finally {
      await project.remove();
    }
  });
});
