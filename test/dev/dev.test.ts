/**
 * `conduit dev` as a developer uses it: a project of its own (a small notes API, handlers that keep notes in
 * Azurite), real saves of the spec and the handlers, real HTTP on loopback. A new operation answers with its
 * stub; data stays across reloads; a broken spec or handler is reported with file:line:col while the last good
 * app keeps answering, and the next good save brings the change.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createDevProject, type DevProject, type RunningCommand } from "../../scripts/bench/dev-project.js";

const SPEC = `swagger: "2.0"
info:
  title: Notes
  description: Notes kept by a test of conduit dev.
  version: "1.0"
host: notes.example.com
basePath: /api
schemes: [https]
consumes: [application/json]
produces: [application/json]
paths:
  /notes/{id}:
    parameters:
      - { name: id, in: path, required: true, type: string, x-ms-summary: Id, description: The note's id. }
    put:
      operationId: PutNote
      summary: Put a note
      description: Stores a note.
      parameters:
        - name: body
          in: body
          required: true
          schema: { $ref: "#/definitions/Note" }
      responses:
        "200": { description: Stored., schema: { $ref: "#/definitions/Note" } }
    get:
      operationId: GetNote
      summary: Get a note
      description: Reads a note.
      responses:
        "200": { description: The note., schema: { $ref: "#/definitions/Note" } }
        "404": { description: No such note. }
definitions:
  Note:
    type: object
    required: [text]
    properties:
      text: { type: string, x-ms-summary: Text, description: The text. }
`;

const STORE = `import { TableClient } from "@azure/data-tables";

export function notes(): TableClient {
  return TableClient.fromConnectionString(process.env["AzureWebJobsStorage"] ?? "", "notes", { allowInsecureConnection: true });
}
`;

const PUT = `import type { PutNoteHandler } from "../../generated/handlers.js";
import { notes } from "../notes-store.js";

export const handler: PutNoteHandler = async (request) => {
  const table = notes();
  await table.createTable();
  await table.upsertEntity({ partitionKey: "notes", rowKey: request.path.id, text: request.body.text });
  return { status: 200, body: { text: request.body.text } };
};
`;

const GET = (transform: string) => `import type { GetNoteHandler } from "../../generated/handlers.js";
import { notes } from "../notes-store.js";

export const handler: GetNoteHandler = async (request) => {
  try {
    const entity = await notes().getEntity<{ text: string }>("notes", request.path.id);
    return { status: 200, body: { text: ${transform} } };
  } catch {
    return { status: 404 };
  }
};
`;

/** A stage's time as dev prints it: 107 ms, 1.3 s. */
const TIME = String.raw`\d+(?: ms|\.\d s)`;

const PING = `  /ping:
    get:
      operationId: Ping
      summary: Ping
      description: Answers.
      responses:
        "200": { description: Pong., schema: { $ref: "#/definitions/Note" } }
`;

describe("conduit dev", () => {
  let project: DevProject;
  let dev: RunningCommand;
  let base = "";
  let key = "";
  const specFile = () => path.join(project.root, "spec", "apiDefinition.swagger.yaml");
  const call = (method: string, route: string, body?: unknown) =>
    fetch(`${base}${route}`, {
      method,
      headers: { "x-functions-key": key, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  /** Polls until `route` answers `status` (the reload lands in about a second; a busy machine may take longer). */
  const until = async (route: string, accept: (response: Response, text: string) => boolean): Promise<void> => {
    for (let tries = 0; tries < 600; tries++) {
      const response = await call("GET", route).catch(() => undefined);
      const text = (await response?.text()) ?? "";
      if (response !== undefined && accept(response, text)) return;
      await sleep(100);
    }
    assert.fail(`${route} never answered as expected:\n${dev.output()}`);
  };

  before(async () => {
    project = await createDevProject({
      spec: SPEC,
      files: { "src/notes-store.ts": STORE, "src/handlers/PutNote.ts": PUT, "src/handlers/GetNote.ts": GET("entity.text") },
    });
    dev = project.start(["dev", "--port", "0", "--azurite-port", "0", "--issuer-port", "0"]);
    await dev.waitFor(/Press Ctrl\+C to stop\./);
    base = (await dev.waitFor(/Function app listening on (\S+)/))[1]!;
    key = (JSON.parse(await readFile(path.join(project.root, "local.settings.json"), "utf8")) as { Values: Record<string, string> }).Values["CONDUIT_FUNCTION_KEY"]!;
  });
  after(async () => {
    const code = await dev?.stop();
    assert.equal(code, 0, dev?.output());
    assert.equal(existsSync(path.join(project.root, ".conduit", "serve.json")), false, "the serve record is removed");
    await project?.remove();
  });

  test("serves the handlers, built from the sources at start; the record says where", async () => {
    assert.match(dev.output(), /Dev: watching spec\/ and src\//);
    assert.equal((await call("PUT", "/notes/a", { text: "first" })).status, 200);
    const got = await call("GET", "/notes/a");
    assert.deepEqual(await got.json(), { text: "first" });
    const record = JSON.parse(await readFile(path.join(project.root, ".conduit", "serve.json"), "utf8")) as { apps: { mode: string; url: string }[] };
    assert.deepEqual(record.apps.map((app) => [app.mode, app.url]), [["dev", base]]);
  });

  test("an operation saved into the spec answers with its stub, and the data stays", async () => {
    const from = dev.output().length;
    const spec = await readFile(specFile(), "utf8");
    await writeFile(specFile(), spec.replace("definitions:\n", `${PING}definitions:\n`));
    await until("/ping", (response) => response.status === 501);
    // One block for the save, once lint has answered: lint, generate, build, reload, each with its time.
    await dev.waitFor(new RegExp(String.raw`\[dev\] {3}reload +${TIME} {2}served ${TIME} after the save; 3 operations \(\+Ping\)\n`), { from });
    const block = dev.output().slice(from);
    assert.match(
      block,
      /\[dev\] saved spec\/apiDefinition\.swagger\.yaml\n\[dev\] {3}lint {6}(no findings|\d+ (error|warning)s?.*)\n(\[dev\] {5}.*\n)*\[dev\] {3}generate {2}\d+(?: ms|\.\d s) {2}3 operations; .*new handler src\/handlers\/Ping\.ts.*\n\[dev\] {3}build {5}\d+(?: ms|\.\d s) {2}\d+ files?\n\[dev\] {3}reload /,
    );
    assert.equal(block.match(/\[dev\] saved /g)?.length, 1, "one block for one save");
    assert.doesNotMatch(block, /\d \d{3} ms/, "no digit grouping in times");
    assert.ok(existsSync(path.join(project.root, "src", "handlers", "Ping.ts")));
    assert.deepEqual(await (await call("GET", "/notes/a")).json(), { text: "first" }, "Azurite kept the note across the reload");
  });

  test("a spec that does not parse is reported at its line, and the last good app keeps answering", async () => {
    const from = dev.output().length;
    const good = await readFile(specFile(), "utf8");
    const broken = good.replace("  /ping:\n", "  /ping: [unclosed\n");
    await writeFile(specFile(), broken);
    const line = broken.split("\n").indexOf("  /ping: [unclosed") + 1;
    await dev.waitFor(/not reloaded: the app runs the last spec that generated/, { from });
    assert.match(dev.output().slice(from), new RegExp(`spec/apiDefinition\\.swagger\\.yaml:(${line}|${line + 1}):\\d+`));
    assert.equal((await call("GET", "/ping")).status, 501, "still serving");
    const restored = dev.output().length;
    await writeFile(specFile(), good);
    await dev.waitFor(new RegExp(String.raw`\[dev\] {3}generate +${TIME} {2}3 operations`), { from: restored });
  });

  test("a handler that does not compile is reported at its line; the next good save brings the change", async () => {
    const handler = path.join(project.root, "src", "handlers", "GetNote.ts");
    let from = dev.output().length;
    await writeFile(handler, GET("entity.text.toUpperCase("));
    await dev.waitFor(/not reloaded: the app runs the last version that compiled/, { from });
    assert.match(dev.output().slice(from), /src\/handlers\/GetNote\.ts:\d+:\d+ {2}error {2}/);
    assert.deepEqual(await (await call("GET", "/notes/a")).json(), { text: "first" }, "still the last good handler");

    from = dev.output().length;
    await writeFile(handler, GET("entity.text.toUpperCase()"));
    await until("/notes/a", (response, text) => response.status === 200 && text.includes("FIRST"));
    await dev.waitFor(new RegExp(String.raw`\[dev\] {3}reload +${TIME} {2}served `), { from });
    assert.doesNotMatch(dev.output().slice(from), /not reloaded|failed/, "a good save says only that it reloaded");
  });

  test("a handler that throws while loading is reported with its source line; the previous app stays", async () => {
    const handler = path.join(project.root, "src", "handlers", "Ping.ts");
    const stub = await readFile(handler, "utf8");
    const from = dev.output().length;
    await writeFile(handler, `${stub}\nthrow new Error("broken at load");\n`);
    await dev.waitFor(/\[dev\] {3}reload {4}failed: the app did not load\n/, { from });
    await dev.waitFor(/not reloaded: still serving the previous app/, { from });
    assert.doesNotMatch(dev.output().slice(from), /served \d+/, "a failed reload does not also say it served");
    assert.match(dev.output().slice(from), /src\/handlers\/Ping\.ts:\d+:\d+ {2}Error: broken at load\n/);
    assert.equal((await call("GET", "/ping")).status, 501);
    await writeFile(handler, stub);
  });

  test("type errors are reported by the background check, the app runs what was saved", async () => {
    const handler = path.join(project.root, "src", "handlers", "Ping.ts");
    const stub = await readFile(handler, "utf8");
    const from = dev.output().length;
    await writeFile(handler, `${stub}\nexport const wrong: number = "text";\n`);
    await dev.waitFor(/\[types\] src\/handlers\/Ping\.ts:\d+:\d+ {2}error TS2322/, { from });
    // This project's src/ has type errors of its own (the sample's runtime without the sample's types).
    const count = Number((await dev.waitFor(/\[types\] (\d+) type errors? \(type errors alone do not stop a reload\):\n(\[types\] .*\n)*\[types\] src\/handlers\/Ping\.ts:\d+:\d+ {2}error TS2322/, { from }))[1]);
    assert.equal((await call("GET", "/ping")).status, 501);
    // A spec save rewrites several generated files, and the type check runs again for them: the same result
    // is not printed again. The fix then prints its new result once.
    const spec = await readFile(specFile(), "utf8");
    // (A description: the generated files change, the types and so the type errors do not.)
    await writeFile(specFile(), spec.replace("description: The text. }", "description: The note's text. }"));
    await dev.waitFor(new RegExp(String.raw`\[dev\] {3}generate +${TIME} {2}3 operations; \d+ generated files? updated`), { from });
    await writeFile(handler, stub);
    await dev.waitFor(count === 1 ? /\[types\] no type errors/ : new RegExp(`\\[types\\] ${count - 1} type errors? `), { from });
    assert.equal(dev.output().slice(from).match(new RegExp(`\\[types\\] ${count} type errors? `, "g"))?.length, 1, dev.output().slice(from));
  });
});

describe("conduit dev --mock", () => {
  test("answers from the examples and follows each save of the spec", async () => {
    const { SAMPLE_FIXTURE } = await import("../helpers/fixtures.js");
    const project = await createDevProject({ spec: await readFile(path.join(SAMPLE_FIXTURE, "apiDefinition.swagger.yaml"), "utf8") });
    const dev = project.start(["dev", "--mock", "--port", "0", "--issuer-port", "0"], { CONDUIT_AUTH_MODE: "off" });
    try {
      const base = (await dev.waitFor(/Function app listening on (\S+)/))[1]!;
      assert.match(dev.output(), /Storage: none/);
      const key = (JSON.parse(await readFile(path.join(project.root, "local.settings.json"), "utf8")) as { Values: Record<string, string> }).Values["CONDUIT_FUNCTION_KEY"]!;
      const names = async () => ((await (await fetch(`${base}/technicians`, { headers: { "x-functions-key": key } })).json()) as { value: { displayName: string }[] }).value.map((t) => t.displayName);
      assert.deepEqual(await names(), ["Ana Lopez", "Ben Okafor", "Chen Wei"]);
      const file = path.join(project.root, "spec", "apiDefinition.swagger.yaml");
      const from = dev.output().length;
      await writeFile(file, (await readFile(file, "utf8")).replace("displayName: Ana Lopez", "displayName: Ana L."));
      await dev.waitFor(new RegExp(String.raw`\[dev\] {3}reload +${TIME} {2}served `), { from });
      assert.deepEqual(await names(), ["Ana L.", "Ben Okafor", "Chen Wei"]);
    } finally {
      assert.equal(await dev.stop(), 0, dev.output());
      await project.remove();
    }
  });
});

describe("conduit dev after a start with a spec that does not load", () => {
  test("seeds the technicians once a save of the spec loads", async () => {
    const technicians = `  /technicians:
    get:
      operationId: ListTechnicians
      summary: List technicians
      description: The technicians.
      responses:
        "200":
          description: The technicians.
          schema: { type: object, properties: { value: { type: array, items: { type: object } } } }
          examples:
            application/json: { value: [{ id: t1, displayName: Ana, available: true }, { id: t2, displayName: Ben, available: false }] }
`;
    const good = SPEC.replace("definitions:\n", `${technicians}definitions:\n`);
    const project = await createDevProject({ spec: good, files: { "src/notes-store.ts": STORE, "src/handlers/PutNote.ts": PUT, "src/handlers/GetNote.ts": GET("entity.text") } });
    try {
      // generated/ and the handlers' stubs from the good spec, then the spec broken before dev starts.
      const generated = project.start(["generate"]);
      const code = generated.child.exitCode ?? (await new Promise<number | null>((resolve) => generated.child.once("exit", resolve)));
      assert.equal(code, 0, generated.output());
      const file = path.join(project.root, "spec", "apiDefinition.swagger.yaml");
      await writeFile(file, `${good}  broken: [\n`);
      const dev = project.start(["dev", "--port", "0", "--azurite-port", "0", "--issuer-port", "0"]);
      try {
        await dev.waitFor(/Press Ctrl\+C to stop\./);
        assert.match(dev.output(), /Not seeding development data \(src\/seed\.ts\): spec\/apiDefinition\.swagger\.yaml is not valid YAML or JSON/);
        const from = dev.output().length;
        await writeFile(file, good);
        await dev.waitFor(new RegExp(String.raw`\[dev\] {3}generate +${TIME} {2}3 operations\n\[dev\] {3}Seeded 2 technicians from the spec's ListTechnicians example`), { from });
      } finally {
        assert.equal(await dev.stop(), 0, dev.output());
      }
    } finally {
      await project.remove();
    }
  });
});
