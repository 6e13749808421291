/**
 * `conduit client` as a user runs it, in a throw-away project holding the sample fixture: the real wrapper
 * (@openapitools/openapi-generator-cli) fetching the JAR over real HTTP, the real generator on the real Java.
 * The JAR comes from a server on 127.0.0.1 that serves the machine's cached copy, so the download path runs
 * without reaching Maven Central more than once per machine (the cache the project's openapitools.json names).
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createReadStream, existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { ensureGeneratorJar, readGeneratorConfig } from "../../scripts/client/generator-jar.js";
import { findJava } from "../../scripts/client/java.js";
import { freePort } from "../../scripts/serve/azurite.js";
import { SAMPLE_VALUES, sampleProject } from "../bundle/project.js";

const ROOT = process.cwd();
const CONDUIT = path.join(ROOT, "bin/conduit.js");
const java = await findJava().then(
  (found) => found,
  (error: Error) => error.message,
);
const noJava = typeof java === "string" ? `Java is missing: ${java}` : false;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** conduit with a clean environment: no proxy of the caller's, plus what the test sets. */
function conduit(cwd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const base: Record<string, string | undefined> = { ...process.env, HTTP_PROXY: undefined, HTTPS_PROXY: undefined, http_proxy: undefined, https_proxy: undefined, ...env };
  const clean = Object.fromEntries(Object.entries(base).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CONDUIT, "client", ...args], { cwd, env: clean, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function openapitools(storageDir: string, downloadUrl?: string): string {
  return `${JSON.stringify({ "generator-cli": { version: "7.23.0", storageDir, ...(downloadUrl ? { repository: { downloadUrl } } : {}) } }, null, 2)}\n`;
}

describe("conduit client: what it needs and what it says", () => {
  test("without Java: one message saying what to install, exit 2, nothing written", async () => {
    const project = await sampleProject({ "openapitools.json": openapitools("jars") });
    try {
      const run = await conduit(project.root, [], { PATH: path.join(project.root, "no-such-dir"), JAVA_HOME: undefined });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /^conduit: no Java found \(no JAVA_HOME, no java on PATH\).*Java 11 or later.*apt-get install openjdk-17-jre-headless/);
      assert.equal(run.stderr.trim().split("\n").length, 1, "one message, no stack trace");
      assert.equal(existsSync(path.join(project.root, "dist")), false);
    } finally {
      await project.dispose();
    }
  });

  test("a JAVA_HOME without java is named as the problem", async () => {
    const project = await sampleProject({ "openapitools.json": openapitools("jars") });
    try {
      const run = await conduit(project.root, [], { JAVA_HOME: path.join(project.root, "jdk") });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /JAVA_HOME is .*jdk, but it holds no bin\/java/);
    } finally {
      await project.dispose();
    }
  });

  test("without openapitools.json: says it pins the generator version, and how", async () => {
    const project = await sampleProject();
    try {
      const run = await conduit(project.root, []);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /openapitools\.json is missing: it pins the openapi-generator version, e\.g\. \{ "generator-cli": \{ "version"/);
    } finally {
      await project.dispose();
    }
  });

  test("bad usage: a file argument, a generator name that is an option", async () => {
    const project = await sampleProject({ "openapitools.json": openapitools("jars") });
    try {
      assert.match((await conduit(project.root, ["spec.yaml"])).stderr, /client takes no file arguments/);
      const dashed = await conduit(project.root, ["--generator=-x"]);
      assert.equal(dashed.code, 2);
      assert.match(dashed.stderr, /--generator must be a generator name/);
    } finally {
      await project.dispose();
    }
  });
});

describe("conduit client: the generator JAR, fetched once, then offline", { skip: noJava }, () => {
  let cachedJar: string;
  let server: Server;
  let requests = 0;
  let base: string;

  before(async () => {
    // The machine's cache, as the project's own openapitools.json names it: on a new machine this is the one real
    // download from Maven Central.
    const real = await readGeneratorConfig(path.join(ROOT, "openapitools.json"), ROOT);
    await ensureGeneratorJar(real, ROOT, typeof java === "string" ? "java" : java.executable);
    cachedJar = real.file;
    server = createServer((request, response) => {
      requests += 1;
      if (request.url !== "/openapi-generator-cli-7.23.0.jar") {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { "content-type": "application/java-archive" });
      createReadStream(cachedJar).pipe(response);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test("the first run downloads the pinned JAR through the wrapper; later runs use the cache with no network", async () => {
    const project = await sampleProject({ "openapitools.json": openapitools("jars", `${base}/\${artifactId}-\${versionName}.jar`) });
    try {
      const first = await conduit(project.root, []);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /downloading openapi-generator 7\.23\.0 \(first run; cached in .*jars\/7\.23\.0\.jar\)/);
      assert.match(first.stdout, /wrote dist\/clients\/typescript-fetch\/: typescript-fetch client \(openapi-generator 7\.23\.0, Java [\d.]+\), \d+ files/);
      assert.equal(requests, 1, "one download");
      assert.deepEqual(await readdir(path.join(project.root, "jars")), ["7.23.0.jar"]);
      const api = await readFile(path.join(project.root, "dist/clients/typescript-fetch/apis/WorkOrdersApi.ts"), "utf8");
      assert.match(api, /async listWorkOrders\(/);
      assert.match(await readFile(path.join(project.root, "dist/clients/typescript-fetch/models/WorkOrder.ts"), "utf8"), /export interface WorkOrder \{/);

      const closed = `http://127.0.0.1:${await freePort()}`;
      const again = await conduit(project.root, [], { HTTP_PROXY: closed, HTTPS_PROXY: closed });
      assert.equal(again.code, 0, again.stderr);
      assert.doesNotMatch(again.stdout, /downloading/);
      assert.equal(requests, 1, "no second download");
    } finally {
      await project.dispose();
    }
  });

  test("a download that fails names the URL and where to put the JAR by hand, and leaves no partial file", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const project = await sampleProject({ "openapitools.json": openapitools("jars", `${closed}/\${artifactId}-\${versionName}.jar`) });
    try {
      const run = await conduit(project.root, []);
      assert.equal(run.code, 2, run.stdout);
      assert.match(run.stderr, new RegExp(`could not download openapi-generator 7\\.23\\.0 from ${closed}/openapi-generator-cli-7\\.23\\.0\\.jar: .*ECONNREFUSED`));
      assert.match(run.stderr, /download that file yourself to .*jars\/7\.23\.0\.jar; once it is there, no network is needed/);
      assert.equal(existsSync(path.join(project.root, "jars/7.23.0.jar")), false);
    } finally {
      await project.dispose();
    }
  });

  test("any generator passes through, with its options after --, and --env takes that environment's host", async () => {
    const jars = path.dirname(cachedJar);
    // Only what the definition uses (host, sign-in tenant): no client id, scope or secret for an SDK.
    const env = ["CONDUIT_HOST", "CONDUIT_TENANT_ID"].map((name) => `${name}=${SAMPLE_VALUES[name]}`).join("\n");
    const project = await sampleProject({ "openapitools.json": openapitools(jars), ".env.dev": `${env}\n` });
    try {
      const run = await conduit(project.root, ["--generator", "typescript-axios", "--env", "dev", "--", "--additional-properties=npmName=work-orders-client,npmVersion=1.2.3"]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /wrote dist\/clients\/typescript-axios\/: typescript-axios client/);
      const pkg = JSON.parse(await readFile(path.join(project.root, "dist/clients/typescript-axios/package.json"), "utf8")) as { name: string; version: string };
      assert.deepEqual([pkg.name, pkg.version], ["work-orders-client", "1.2.3"]);
      assert.match(await readFile(path.join(project.root, "dist/clients/typescript-axios/base.ts"), "utf8"), /BASE_PATH = "https:\/\/conduit-dev\.azurewebsites\.net\/api"/);
    } finally {
      await project.dispose();
    }
  });

  test("an unknown generator, or options the generator refuses: its message, exit 2", async () => {
    const project = await sampleProject({ "openapitools.json": openapitools(path.dirname(cachedJar)) });
    try {
      const unknown = await conduit(project.root, ["-g", "no-such-generator", "--out", "sdk"]);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /openapi-generator 7\.23\.0 has no generator named "no-such-generator": see https:\/\/openapi-generator\.tech\/docs\/generators/);
      const refused = await conduit(project.root, ["--out", "sdk", "--", "--no-such-option"]);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /could not generate the typescript-fetch client:\n {2}\[error\] Found unexpected parameters: \[--no-such-option\]/);
    } finally {
      await project.dispose();
    }
  });
});
