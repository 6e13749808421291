/**
 * `conduit serve` with the sample's app, as a developer runs it after a fresh clone: its own Azurite seeded by the
 * sample's src/seed.ts, the banner's routes and curl line tried as printed, Ctrl+C. Part of the sample
 * (conduit.sample.json): the tool's own serve tests are in test/serve/.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { describe, test } from "node:test";
import { validators } from "../../generated/validators.js";
import { CLI, cleanEnv, portOpen, project, script } from "../serve/child.js";

describe("conduit serve with the sample", () => {
  test("starts Azurite, seeds technicians, prints routes, key and a curl line that works; Ctrl+C stops everything", async () => {
    const root = await project();
    const child = spawn(process.execPath, ["--input-type=module", "-e", script(CLI, ["serve", "--port", "0", "--azurite-port", "0"])], {
      cwd: root,
      env: cleanEnv({ CONDUIT_AUTH_MODE: "off" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", () => output.includes("Press Ctrl+C to stop.") && resolve());
        void exited.then((code) => reject(new Error(`serve exited (${code}) before it was ready:\n${output}`)));
      });

      assert.match(output, /Created local\.settings\.json \(git-ignored\) with a new function key\./);
      assert.match(output, /Seeded 3 technicians from the spec's ListTechnicians example \(development only\)\./);
      const base = /Function app listening on (http:\/\/127\.0\.0\.1:\d+\/api)\n/.exec(output)?.[1];
      assert.ok(base, output);
      for (const route of ["POST    /api/workorders ", "GET     /api/workorders/{workOrderId} ", "PATCH   /api/workorders/{workOrderId} ", "GET     /api/technicians "]) {
        assert.ok(output.includes(route), `the banner lists ${route.trim()}`);
      }
      const settings = JSON.parse(await readFile(path.join(root, "local.settings.json"), "utf8")) as { Values: Record<string, string> };
      const key = settings.Values["CONDUIT_FUNCTION_KEY"] ?? "";
      assert.ok(output.includes(`Function key (CONDUIT_FUNCTION_KEY in local.settings.json): ${key}`));
      const azuritePort = Number(/Azurite Table service on 127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
      assert.ok(await portOpen(azuritePort));

      // The curl line, run as printed: its header and its URL.
      const curl = /curl -s -H "([^:]+): ([^"]+)" (\S+)/.exec(output);
      assert.ok(curl, output);
      const [, header = "", value = "", url = ""] = curl;
      assert.equal(value, key);
      const response = await fetch(url, { headers: { [header]: value } });
      assert.equal(response.status, 200);
      const body = (await response.json()) as { value: { id: string }[] };
      assert.ok(validators.ListTechnicians.responses["200"]?.(body), "the answer matches the spec");
      assert.deepEqual(body.value.map((t) => t.id), ["tech-ana-lopez", "tech-ben-okafor", "tech-chen-wei"]);
      assert.equal((await fetch(url)).status, 401, "the key is required");
      assert.match(output, /GET \/api\/technicians 200 /, "requests are logged");

      child.kill("SIGINT");
      assert.equal(await exited, 0, output);
      assert.match(output, /SIGINT: stopping/);
      assert.equal(await portOpen(azuritePort), false, "Azurite is stopped");
      assert.equal(await portOpen(Number(new URL(base).port)), false, "the app is closed");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
      await rm(root, { recursive: true, force: true });
    }
  });

});
