/**
 * `conduit serve` as a developer runs it: a child process in a fresh project folder, and the ways it refuses to
 * start (the sample served, Azurite and Ctrl+C: test/e2e/serve-sample.test.ts).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cp, rm, symlink, unlink, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { BUILD, CLI, cleanEnv, project, REPO, script } from "./child.js";

const run = promisify(execFile);

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



describe("conduit serve", () => {
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
