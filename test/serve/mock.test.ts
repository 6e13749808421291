/**
 * `conduit serve --mock`: answers from the spec's examples through the real runtime, examples checked at start.
 * The sample fixture is the spec; the CLI runs in a project that has nothing built for its handlers.
 */
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { UserError } from "../../scripts/diagnostics.js";
import { loadMockApi } from "../../scripts/serve/mock.js";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";

const run = promisify(execFile);
const CLI = fileURLToPath(new URL("../../scripts/cli.js", import.meta.url));
const FIXTURE_SPEC = path.join(SAMPLE_FIXTURE, "apiDefinition.swagger.yaml");

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("CONDUIT_") && name !== "AzureWebJobsStorage" && name !== "NODE_ENV") env[name] = value;
  }
  return { ...env, ...extra };
}

function script(args: readonly string[]): string {
  return `const { main } = await import(${JSON.stringify(new URL(`file://${CLI}`).href)}); process.exitCode = await main(${JSON.stringify(args)});`;
}

async function project(spec: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "conduit-mock-"));
  await writeFile(path.join(root, "host.json"), await readFile(path.resolve(process.cwd(), "host.json")));
  await mkdir(path.join(root, "spec"));
  await writeFile(path.join(root, "spec", "apiDefinition.swagger.yaml"), spec);
  return root;
}

describe("conduit serve --mock", () => {
  test("each operation answers its first success with the example, or without a body when it declares none", async () => {
    const api = await loadMockApi(FIXTURE_SPEC);
    const spec = await readFile(FIXTURE_SPEC, "utf8");
    assert.equal(api.answers.get("ListTechnicians")?.status, 200);
    assert.match(spec, /displayName: Ben Okafor/);
    assert.deepEqual((api.answers.get("ListTechnicians")?.body as { value: { id: string }[] }).value.map((t) => t.id), ["tech-ana-lopez", "tech-ben-okafor", "tech-chen-wei"]);
    assert.equal(api.answers.get("CreateWorkOrder")?.status, 201);
    assert.equal(api.answers.get("CreateWorkOrder")?.source, "example");
    assert.deepEqual(api.answers.get("DeleteWorkOrder"), { status: 204, source: "none" });
  });

  test("a success without an example answers a value built from its schema, which the schema accepts", async () => {
    const spec = (await readFile(FIXTURE_SPEC, "utf8")).replace(/( {6}responses:\n {8}"200":\n {10}description: The work order\.\n {10}schema:\n {12}\$ref: "#\/definitions\/WorkOrder"\n) {10}examples:\n(?: {12}.*\n)+/, "$1");
    const root = await project(spec);
    try {
      const api = await loadMockApi(path.join(root, "spec", "apiDefinition.swagger.yaml"));
      const answer = api.answers.get("GetWorkOrder")!;
      assert.equal(answer.source, "schema");
      const binding = api.bindings.find((b) => b.operation.operationId === "GetWorkOrder")!;
      assert.ok(binding.validators.responses["200"]!(answer.body), JSON.stringify(binding.validators.responses["200"]!.errors));
      assert.equal((answer.body as { id?: unknown }).id, "6f1c2f9e-2d7b-4a8e-9a31-3c5b2f0e7d41", "properties take their own examples");
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test("an example its schema refuses stops the mock with file:line:col, each problem named", async () => {
    const spec = (await readFile(FIXTURE_SPEC, "utf8")).replace("              status: completed\n", "              status: done\n").replace("                  available: false\n", "                  available: sometimes\n");
    const root = await project(spec);
    try {
      const file = path.join(root, "spec", "apiDefinition.swagger.yaml");
      await assert.rejects(loadMockApi(file), (error: unknown) => {
        assert.ok(error instanceof UserError);
        assert.equal(error.exitCode, 1);
        assert.match(error.message, /2 response examples do not match the schema/);
        const lines = spec.split("\n");
        const at = error.diagnostics.map((d) => [d.range.start.line + 1, d.message]);
        assert.deepEqual(at, [
          [lines.indexOf("              status: done") + 1, "UpdateWorkOrder 200 example/status must be equal to one of the allowed values: new, scheduled, inProgress, completed, cancelled"],
          [lines.indexOf("                  available: sometimes") + 1, "ListTechnicians 200 example/value/2/available must be boolean"],
        ].sort((a, b) => Number(a[0]) - Number(b[0])));
        return true;
      });
      const refused = await run(process.execPath, ["--input-type=module", "-e", script(["serve", "--mock", "--port", "0", "--no-issuer"])], { cwd: root, env: cleanEnv() }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code?: number; stderr?: string }) => ({ code: error.code ?? -1, stderr: error.stderr ?? "" }),
      );
      assert.equal(refused.code, 1, refused.stderr);
      assert.match(refused.stderr, /spec\/apiDefinition\.swagger\.yaml:\d+:\d+ {2}UpdateWorkOrder 200 example\/status must be equal/);
      assert.doesNotMatch(refused.stderr, /\n\s+at /);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test("a response with no example and a schema that makes none: the operation, its route and how to add one, at the response's line", async () => {
    const spec = [
      "swagger: '2.0'",
      "info: { title: Files, version: '1.0', description: Files of a cabinet }",
      "host: files.example.com",
      "basePath: /",
      "schemes: [https]",
      "paths:",
      "  /files/{id}:",
      "    delete:",
      "      operationId: DeleteFile",
      "      summary: Delete a file",
      "      parameters:",
      "        - { name: id, in: path, required: true, type: string }",
      "      responses:",
      "        default:",
      "          description: default",
      "          schema: {}",
      "",
    ].join("\n");
    const root = await project(spec);
    try {
      await assert.rejects(loadMockApi(path.join(root, "spec", "apiDefinition.swagger.yaml")), (error: unknown) => {
        assert.ok(error instanceof UserError);
        assert.match(error.message, /: 1 operation has no response example to answer with$/);
        assert.doesNotMatch(error.message, /do not match/);
        assert.deepEqual(
          error.diagnostics.map((d) => [d.range.start.line + 1, d.code]),
          [[14, "conduit-mock-no-example"]],
        );
        assert.match(error.diagnostics[0]!.message, /^DeleteFile \(DELETE \/files\/\{id\}\) has no example for its default response, and none can be made from its schema: add one to that response \(here\), as `examples:` then `application\/json:`/);
        return true;
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test("over HTTP: examples out, requests validated as by the app, no storage started", async () => {
    const root = await project(await readFile(FIXTURE_SPEC, "utf8"));
    const child = spawn(process.execPath, ["--input-type=module", "-e", script(["serve", "--mock", "--port", "0", "--issuer-port", "0"])], {
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
        void exited.then((code) => reject(new Error(`serve --mock exited (${code}):\n${output}`)));
      });
      assert.match(output, /Mock: every operation answers from the response examples in spec\/apiDefinition\.swagger\.yaml; no handler runs\./);
      assert.match(output, /Storage: none/);
      assert.doesNotMatch(output, /Azurite/);
      const base = /Function app listening on (\S+)/.exec(output)![1]!;
      const key = (JSON.parse(await readFile(path.join(root, "local.settings.json"), "utf8")) as { Values: Record<string, string> }).Values["CONDUIT_FUNCTION_KEY"]!;
      const headers = { "x-functions-key": key, "content-type": "application/json" };

      const list = await fetch(`${base}/technicians`, { headers });
      assert.equal(list.status, 200);
      assert.equal(((await list.json()) as { value: unknown[] }).value.length, 3);
      // The example's nextLink names the spec's host; the mock's answer names the mock, so a client pages here.
      const page = (await (await fetch(`${base}/workorders`, { headers })).json()) as { nextLink?: string };
      assert.match(await readFile(FIXTURE_SPEC, "utf8"), /nextLink: https:\/\/conduit-workorders\.azurewebsites\.net\/api\/workorders\?top=1&skipToken=/);
      assert.ok(page.nextLink?.startsWith(`${base}/workorders?top=1&skipToken=`), page.nextLink);
      assert.equal((await fetch(page.nextLink!, { headers })).status, 200, "the next page is served here");
      assert.doesNotMatch(output, /WARNING|test mode/, "no @azure/functions test-mode warnings for the maker");
      const created = await fetch(`${base}/workorders`, { method: "POST", headers, body: JSON.stringify({ title: "Fix", customerName: "C", siteAddress: "S" }) });
      assert.equal(created.status, 201);
      assert.equal(((await created.json()) as { status: string }).status, "new");
      const invalid = await fetch(`${base}/workorders`, { method: "POST", headers, body: JSON.stringify({ title: "" }) });
      assert.equal(invalid.status, 400, "the request is validated as the app validates it");
      assert.equal((await fetch(`${base}/technicians`)).status, 401, "the function key is required");
      const record = JSON.parse(await readFile(path.join(root, ".conduit", "serve.json"), "utf8")) as { apps: { mode: string }[] };
      assert.deepEqual(record.apps.map((app) => app.mode), ["mock"]);
    } finally {
      child.kill("SIGINT");
      assert.equal(await exited, 0, output);
      await rm(root, { recursive: true, force: true });
    }
  });
});
