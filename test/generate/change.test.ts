/**
 * `conduit generate` as a spec changes: an added operation leaves the other operations' files as they were; what
 * lint refuses as a name or parameter error, generate refuses too, in lint's words, before writing anything;
 * a handler whose operation went away is named, never deleted.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { UserError } from "../../scripts/diagnostics.js";
import { generate } from "../../scripts/generate/generate.js";
import { RULES } from "../../scripts/lint/rules/index.js";
import { createSampleProject, repositoryRoot, type SampleProject } from "./sample-project.js";

const cli = fileURLToPath(new URL("../../scripts/cli.js", import.meta.url));

function runCli(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const script = `const { main } = await import(${JSON.stringify(new URL(`file://${cli}`).href)}); process.exitCode = await main(process.argv.slice(1));`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script, ...args], { cwd, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A new operation, the README's way, under a path of its own; its name sorts before every sample operation. */
const ADDED = `
  /workorders/{workOrderId}/notes:
    post:
      operationId: AddNote
      summary: Add a note
      description: Adds a note to a work order and returns the work order.
      parameters:
        - $ref: "#/parameters/WorkOrderId"
        - name: body
          in: body
          required: true
          x-ms-summary: Note
          description: The note.
          schema:
            type: object
            required: [text]
            properties:
              text: { type: string, maxLength: 2000, x-ms-summary: Text, description: The note's text. }
      responses:
        "200":
          description: The work order, with the note.
          schema:
            $ref: "#/definitions/WorkOrder"
`;

function addOperation(spec: string, block = ADDED): string {
  const at = spec.indexOf("\n  /technicians:");
  assert.ok(at > 0);
  return `${spec.slice(0, at)}\n${block.replace(/^\n/, "")}${spec.slice(at)}`;
}

async function files(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const file = path.join(dir, name);
    if (name.endsWith(".ts") || name.endsWith(".cts")) out.set(name.split(path.sep).join("/"), await readFile(file, "utf8"));
  }
  return out;
}

describe("conduit generate as the spec changes", () => {
  let project: SampleProject;
  const options = () => ({ root: project.root, runtime: project.runtime });
  beforeEach(async () => {
    project = await createSampleProject();
  });
  afterEach(async () => {
    await project.remove();
  });

  test("adding an operation changes no other operation's validators module", async () => {
    await generate(options());
    const before = await files(project.generated);
    await writeFile(project.spec, addOperation(await readFile(project.spec, "utf8")));
    const result = await generate(options());
    const after = await files(project.generated);

    const changed = [...after.keys()].filter((name) => before.get(name) !== after.get(name));
    assert.deepEqual(changed, ["handlers.ts", "operations.ts", "registrations.ts", "types.ts", "validators.ts", "validators/AddNote.cts"]);
    for (const name of [...before.keys()].filter((n) => n.startsWith("validators/"))) assert.equal(after.get(name), before.get(name), `${name} is untouched`);
    assert.deepEqual(result.stubs.map((s) => path.basename(s)), ["AddNote.ts"]);
    // The new module validates with the shared definition it refers to, compiled into it.
    assert.match(after.get("validators/AddNote.cts") ?? "", /"response:WorkOrder"/);
  });

  test("with webhook triggers, adding an action changes neither the event validators nor webhooks.ts", async () => {
    await copyFile(path.resolve(repositoryRoot, "test/fixtures/webhooks/apiDefinition.swagger.yaml"), project.spec);
    await generate(options());
    const before = await files(project.generated);
    assert.ok(before.has("events/WhenATaskIsCreated.cts") && before.has("webhooks.ts"));
    // An action of its own that reaches the same definition as the triggers' events (Task), and a new definition.
    const spec = (await readFile(project.spec, "utf8"))
      .replace("\ndefinitions:\n", "\n  /archive:\n    post:\n      operationId: ArchiveTasks\n      parameters:\n        - { name: body, in: body, required: true, schema: { $ref: \"#/definitions/Archive\" } }\n      responses:\n        \"200\": { description: Archived., schema: { type: array, items: { $ref: \"#/definitions/Task\" } } }\ndefinitions:\n  Archive:\n    type: object\n    properties: { before: { type: string, format: date-time } }\n");
    await writeFile(project.spec, spec);
    await generate(options());
    const after = await files(project.generated);
    assert.ok(after.has("validators/ArchiveTasks.cts"), "the action was added");
    for (const name of [...before.keys()].filter((n) => n.startsWith("events/"))) assert.equal(after.get(name), before.get(name), `${name} byte for byte`);
    assert.equal(after.get("webhooks.ts"), before.get("webhooks.ts"), "webhooks.ts byte for byte");
  });

  test("adding a trigger leaves the other triggers' event validators byte for byte", async () => {
    await copyFile(path.resolve(repositoryRoot, "test/fixtures/webhooks/apiDefinition.swagger.yaml"), project.spec);
    await generate(options());
    const before = await files(project.generated);
    // A trigger whose event reaches the same definition (Task) as WhenATaskIsCreated's.
    const spec = (await readFile(project.spec, "utf8")).replace(
      "\ndefinitions:\n",
      "\n  /hooks/updated:\n    x-ms-notification-content:\n      schema: { $ref: \"#/definitions/Task\" }\n    post:\n      operationId: WhenATaskIsUpdated\n      summary: When a task is updated\n      x-ms-trigger: single\n      parameters:\n        - name: body\n          in: body\n          required: true\n          schema:\n            type: object\n            required: [callbackUrl]\n            properties:\n              callbackUrl: { type: string, x-ms-notification-url: true, x-ms-visibility: internal }\n      responses:\n        \"201\": { description: Subscribed. }\ndefinitions:\n",
    );
    await writeFile(project.spec, spec);
    await generate(options());
    const after = await files(project.generated);
    assert.ok(after.has("events/WhenATaskIsUpdated.cts"), "the trigger's own module was added");
    const events = (map: ReadonlyMap<string, string>) => [...map.keys()].filter((n) => n.startsWith("events/")).sort();
    assert.deepEqual(events(after), [...events(before), "events/WhenATaskIsUpdated.cts"].sort());
    for (const name of events(before)) assert.equal(after.get(name), before.get(name), `${name} byte for byte`);
  });

  test("a second operationId that differs only in case is refused with lint's message; nothing is written", async () => {
    const spec = (await readFile(project.spec, "utf8")).replace("operationId: DeleteWorkOrder", "operationId: getWorkOrder");
    await writeFile(project.spec, spec);
    // Lint's own rule, run on the same document, says the same in the same words: generate reuses it.
    const document = parse(spec) as unknown;
    const lint = RULES["pp-operation-id"].check(document, { root: document, path: [], source: undefined, options: {} }).map((f) => f.message);
    await assert.rejects(generate(options()), (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.equal(error.exitCode, 1);
      assert.match(error.message, /1 error that lint reports too would make the generated code wrong; nothing was written/);
      assert.equal(error.diagnostics.length, 1);
      const [finding] = error.diagnostics;
      assert.match(finding!.message, /operationId 'getWorkOrder' is already used as 'GetWorkOrder' .*\(OperationIdNotUnique\)\. \[pp-operation-id\]$/);
      assert.deepEqual([finding!.message.replace(/ \[pp-operation-id\]$/, "")], lint);
      const line = spec.split("\n").findIndex((l) => l.includes("operationId: getWorkOrder")) + 1;
      assert.equal(finding!.range.start.line + 1, line);
      return true;
    });
    assert.equal(existsSync(project.generated), false, "no generated file");
    assert.equal(existsSync(project.handlers), false, "no stub");
  });

  test("a path variable no parameter declares is refused, through the CLI with file:line:col and exit 1", async () => {
    const spec = addOperation(
      await readFile(project.spec, "utf8"),
      `
  /technicians/{technicianId}:
    get:
      operationId: GetTechnician
      summary: Get a technician
      description: Gets one technician.
      responses:
        "200":
          description: The technician.
          schema:
            $ref: "#/definitions/Technician"
`,
    );
    await writeFile(project.spec, spec);
    const result = runCli(project.root, ["generate"]);
    assert.equal(result.status, 1, result.stderr);
    const line = spec.split("\n").indexOf("  /technicians/{technicianId}:") + 2;
    assert.ok(
      result.stderr.includes(`spec/apiDefinition.swagger.yaml:${line}:`) && /GET \/technicians\/\{technicianId\} does not declare the path parameter 'technicianId' \(OperationMissingPathParameter\)\. \[pp-path-parameters\]/.test(result.stderr),
      result.stderr,
    );
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    assert.equal(existsSync(path.join(project.handlers, "GetTechnician.ts")), false);
  });

  test("a handler whose operation was renamed is named as unused, and left where it is", async () => {
    await generate(options());
    const old = path.join(project.handlers, "ListTechnicians.ts");
    const mine = await readFile(old, "utf8");
    await writeFile(project.spec, (await readFile(project.spec, "utf8")).replaceAll("ListTechnicians", "ListStaff"));
    const result = await generate(options());
    assert.deepEqual(result.orphans, [old]);
    assert.equal(await readFile(old, "utf8"), mine, "the user's code is kept");
    assert.deepEqual(result.stubs.map((s) => path.basename(s)), ["ListStaff.ts"]);
    // A helper module beside the handlers exports no handler: it is nobody's orphan.
    await writeFile(path.join(project.handlers, "shared.ts"), "export const pageSize = 50;\n");
    const cli = runCli(project.root, ["generate"]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stderr, /src\/handlers\/ListTechnicians\.ts:1:1 {2}warning {2}no operation is named ListTechnicians any more/);
    assert.doesNotMatch(cli.stderr, /shared\.ts/);
  });
});
