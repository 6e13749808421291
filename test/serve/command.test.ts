/**
 * `conduit serve` as a developer runs it: a child process in a fresh project folder, with its own Azurite, the
 * banner's curl line tried as printed, Ctrl+C, and the ways it refuses to start.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, unlink, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { validators } from "../../generated/validators.js";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";

const run = promisify(execFile);
const BUILD = fileURLToPath(new URL("../../", import.meta.url));
const REPO = process.cwd();

/** The environment without the machine's own auth, storage or runtime settings. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("CONDUIT_") && name !== "AzureWebJobsStorage" && name !== "NODE_ENV" && name !== "AZURE_FUNCTIONS_ENVIRONMENT") env[name] = value;
  }
  return { ...env, ...extra };
}

/** A project as a fresh clone has it: host.json and the spec (the frozen sample), no local.settings.json yet. */
async function project(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "conduit-serve-"));
  await writeFile(path.join(root, "host.json"), await readFile(path.join(REPO, "host.json")));
  await mkdir(path.join(root, "spec"));
  await writeFile(path.join(root, "spec", "apiDefinition.swagger.yaml"), await readFile(path.join(SAMPLE_FIXTURE, "apiDefinition.swagger.yaml")));
  return root;
}

function script(cli: string, args: readonly string[]): string {
  return `const { main } = await import(${JSON.stringify(new URL(`file://${cli}`).href)}); process.exitCode = await main(${JSON.stringify(args)});`;
}

async function conduit(cli: string, cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // A serve that wrongly starts would run until killed: the timeout turns that into a failure, not a hang.
    const { stdout, stderr } = await run(process.execPath, ["--input-type=module", "-e", script(cli, args)], {
      cwd,
      env: cleanEnv({ CONDUIT_AUTH_MODE: "off", ...env }),
      timeout: 60_000,
      killSignal: "SIGKILL",
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

const CLI = path.join(BUILD, "scripts", "cli.js");

describe("conduit serve", () => {
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

  test("a taken port or a host that is not loopback: exit 2 with what to do, before anything starts", async () => {
    const root = await project();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    try {
      const port = (blocker.address() as net.AddressInfo).port;
      const taken = await conduit(CLI, root, ["serve", "--port", String(port)]);
      assert.equal(taken.code, 2, taken.stderr);
      assert.equal(taken.stderr, `conduit: port ${port} on 127.0.0.1 is already in use: stop what runs there or pass --port\n`);
      assert.doesNotMatch(taken.stdout, /Azurite/);
      const open = await conduit(CLI, root, ["serve", "--host", "0.0.0.0"]);
      assert.equal(open.code, 2);
      assert.match(open.stderr, /--host 0\.0\.0\.0: the local host only listens on loopback/);
    } finally {
      blocker.close();
      await rm(root, { recursive: true, force: true });
    }
  });

  test("an empty or blank CONDUIT_FUNCTION_KEY in the environment: exit 2 saying so, nothing started", async () => {
    const root = await project();
    try {
      for (const key of ["", "   "]) {
        const refused = await conduit(CLI, root, ["serve", "--port", "0", "--azurite-port", "0"], { CONDUIT_FUNCTION_KEY: key });
        assert.equal(refused.code, 2, `${refused.stdout}\n${refused.stderr}`);
        assert.match(refused.stderr, /^conduit: CONDUIT_FUNCTION_KEY is set but empty in the environment: every caller would pass the key check\. Unset it to use the key in local\.settings\.json, or set a long random value\n$/);
        assert.doesNotMatch(refused.stdout, /Azurite|listening/);
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test("an app that is not generated, or not built: exit 2 naming the commands to run", async () => {
    // A copy of the compiled CLI and app without generated/, as after a build of a fresh clone before generate.
    const root = await project();
    try {
      for (const dir of ["scripts", "src"]) await cp(path.join(BUILD, dir), path.join(root, "build", dir), { recursive: true, filter: (file) => !file.endsWith(".map") });
      await writeFile(path.join(root, "build", "package.json"), JSON.stringify({ type: "module" }));
      await symlink(path.join(REPO, "node_modules"), path.join(root, "node_modules"), "dir");
      const cli = path.join(root, "build", "scripts", "cli.js");

      const ungenerated = await conduit(cli, root, ["serve", "--port", "0", "--no-azurite", "--no-issuer"]);
      assert.equal(ungenerated.code, 2, ungenerated.stderr);
      assert.match(ungenerated.stderr, /^conduit: the function app is not generated: .*generated[\\/]registrations\.js is missing\. Run `npm run generate` and `npm run build`/);
      assert.doesNotMatch(ungenerated.stderr, /\n\s+at /, "no stack trace");

      await unlink(path.join(root, "build", "src", "index.js"));
      const unbuilt = await conduit(cli, root, ["serve", "--port", "0", "--no-azurite"]);
      assert.equal(unbuilt.code, 2);
      assert.equal(unbuilt.stderr, "conduit: the function app is not built: run `npm run build` (npm start does it for you)\n");
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
