// conduit docs on a fixture of its own (test/docs/fixtures: YAML, with a $ref into a second file): the Power Fx
// signatures by Power Platform's rules (notes §5), the example calls from the spec's samples, the result's fields,
// the flow card and dynamic content, and the command's edges (help, bad usage, unreadable input).
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { runDocs } from "../../scripts/docs/command.js";
import { loadReference } from "../../scripts/docs/docs.js";
import type { OperationDoc } from "../../scripts/docs/reference.js";
import { fileSide } from "../../scripts/diff/load/side.js";
import { runCli } from "../diff/harness.js";
import { temporaryFolder } from "../helpers/temp.js";

const FIXTURE = path.resolve(process.cwd(), "test/docs/fixtures/parts.swagger.yaml");

const reference = () => loadReference(fileSide(FIXTURE, process.cwd()));
const byId = async (id: string): Promise<OperationDoc> => {
  const found = (await reference()).operations.find((d) => d.operation.operationId === id);
  assert.ok(found, `operation ${id}`);
  return found;
};

async function docs(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runDocs(args, { cwd: process.cwd(), stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe("the Power Fx call", () => {
  test("the function is the operationId without punctuation; required path, query and header inputs first, in declared order", async () => {
    const d = await byId("list-parts");
    assert.equal(d.signature.functionName, "listparts");
    assert.equal(d.call, "PartsCatalog.listparts(catalogId, q, 'X-Region', {top: …})");
    assert.equal(d.example, 'PartsCatalog.listparts("cat-1", "bolt", "eu", {top: 20})');
  });

  test("internal inputs are left out: a required one with a default is sent automatically, an optional one never", async () => {
    const d = await byId("list-parts");
    assert.deepEqual(d.signature.automatic.map((i) => [i.name, i.default]), [["api-version", "2024-01-01"]]);
    assert.deepEqual(d.signature.omitted.map((i) => i.name), ["trace"]);
  });

  test("a leading digit gets an underscore; x-ms-safe-operation keeps a POST out of behaviour functions", async () => {
    const d = await byId("2fa_verify");
    assert.equal(d.signature.functionName, "_2faverify");
    assert.equal(d.signature.behavior, false);
    assert.equal(d.example, 'PartsCatalog._2faverify("123456")');
  });

  test("an object body is flattened one level: required properties positional, an optional one named like a required input becomes _1", async () => {
    const d = await byId("CreatePart");
    assert.equal(d.call, "PartsCatalog.CreatePart(catalogId, name, {catalogId_1: …, size: …})");
    // name from the body schema's example, catalogId_1 from it too, size put together from its properties' examples.
    assert.equal(d.example, 'PartsCatalog.CreatePart("cat-1", "Hex bolt M8", {catalogId_1: "cat-2", size: {width: 8}})');
    assert.deepEqual(d.signature.automatic.map((i) => i.name), ["origin"]);
    assert.deepEqual(d.signature.omitted.map((i) => i.name), ["legacy"]);
    assert.ok(d.signature.problems.some((p) => p.includes("catalogId_1")));
    assert.equal(d.signature.behavior, true);
  });

  test("a body without properties is one argument named after the body parameter; no sample gives a stand-in", async () => {
    const d = await byId("UploadNote");
    assert.equal(d.call, "PartsCatalog.UploadNote(note)");
    assert.equal(d.example, 'PartsCatalog.UploadNote("<note>")');
    assert.deepEqual(d.placeholders, ["note"]);
  });

  test("triggers and internal operations have no call", async () => {
    const trigger = await byId("OnPartChanged");
    assert.equal(trigger.kind, "trigger");
    assert.equal(trigger.example, null);
    assert.match(trigger.signature.notCallable, /trigger/);
    const internal = await byId("ListRegions");
    assert.equal(internal.kind, "action");
    assert.equal(internal.example, null);
    assert.match(internal.signature.notCallable, /internal/);
  });

  test("the internal DELETE that ends a trigger's subscriptions goes with its trigger, not with the actions", async () => {
    const remover = await byId("DeletePartHook");
    assert.equal(remover.kind, "unsubscribe");
    assert.deepEqual(remover.triggers, ["OnPartChanged"]);
    assert.equal((await byId("OnPartChanged")).unsubscribe?.operationId, "DeletePartHook");
  });

  test("the operation x-ms-capabilities.testConnection names is the connection test, not an action", async () => {
    assert.equal((await byId("CheckConnection")).kind, "connection-test");
    const { stdout } = await docs(["--spec", FIXTURE]);
    const actions = stdout.slice(stdout.indexOf("## Actions"), stdout.indexOf("## Triggers (Power Automate only)"));
    assert.doesNotMatch(actions, /CheckConnection|Test the connection/, "not listed or described as an action");
    assert.match(stdout, /5 actions, 1 trigger .*, and the connection test Power Platform runs on a new connection\./);
    const section = stdout.slice(stdout.indexOf("## Connection test"));
    assert.ok(stdout.indexOf("## Connection test") > stdout.indexOf("## Triggers (Power Automate only)"));
    assert.match(section, /`CheckConnection` · GET \/connection/);
    assert.match(section, /Power Platform calls it when a maker creates a connection/);
    assert.match(section, /It is not a Power Fx function and not a flow action/);
    assert.doesNotMatch(section, /#### Power Apps|#### Power Automate/);
    const json = JSON.parse((await docs(["--spec", FIXTURE, "--format", "json"])).stdout) as { operations: { operationId: string; kind: string }[] };
    assert.equal(json.operations.find((o) => o.operationId === "CheckConnection")?.kind, "connection-test");
  });

  test("extensions Power Fx does not accept in info are reported", async () => {
    assert.deepEqual((await reference()).unsupportedExtensions, ["info.x-ms-unknown-setting"]);
  });
});

describe("what the call returns", () => {
  test("a record; lists are tables, arrays of text a table with the column Value; a recursive schema says so", async () => {
    const d = await byId("list-parts");
    const fields = new Map(d.returns!.fields.map((f) => [f.path, f]));
    assert.equal(d.returns!.type, "Record");
    assert.deepEqual([fields.get("value")?.fx, fields.get("value")?.type], ["value", "Table"]);
    assert.deepEqual([fields.get("value/[]/tags")?.fx, fields.get("value/[]/tags")?.type], ["value.tags", "Table of Text"]);
    assert.deepEqual([fields.get("value/[]/tags/[]")?.fx, fields.get("value/[]/tags/[]")?.type], ["value.tags.Value", "Text"]);
    assert.equal(fields.get("value/[]/updated")?.type, "DateTime");
    assert.equal(d.returns!.fields.find((f) => f.path === "value/[]/children/[]")?.recursive, "value");
  });

  test("a primitive result is a value; a root array of text is a table", async () => {
    assert.equal((await byId("2fa_verify")).returns?.type, "Boolean");
    assert.equal((await byId("ListRegions")).returns?.type, "Table of Text");
  });
});

describe("what a flow shows", () => {
  test("the card: labels from x-ms-summary (nested after their parent's), required first, advanced and hidden last", async () => {
    const card = (await byId("list-parts")).card.map((f) => [f.label, f.required, f.placement]);
    assert.deepEqual(card, [
      ["Catalog", true, "normal"],
      ["Search text", true, "normal"],
      ["Region", true, "normal"],
      ["top", false, "advanced"],
      ["api-version", false, "hidden"],
      ["trace", false, "hidden"],
    ]);
    const create = (await byId("CreatePart")).card.map((f) => f.label);
    assert.ok(create.includes("Size Width"), create.join(", "));
  });

  test("dynamic content: labels after their parent's; internal outputs are not offered; a webhook's outputs are its payload", async () => {
    const list = (await byId("list-parts")).returns!.fields;
    assert.equal(list.find((f) => f.fx === "value.id")?.dynamicContent, "Parts Part ID");
    assert.equal(list.find((f) => f.fx === "nextLink")?.dynamicContent, undefined);
    const trigger = (await byId("OnPartChanged")).returns!;
    assert.equal(trigger.output.status, "notification");
    assert.deepEqual(trigger.fields.filter((f) => f.path !== "").map((f) => f.dynamicContent), ["Part ID", "Changed at"]);
  });
});

describe("conduit docs", () => {
  test("Markdown: actions, then the triggers for flows only", async () => {
    const { code, stdout } = await docs(["--spec", FIXTURE]);
    assert.equal(code, 0);
    assert.match(stdout, /^# Parts Catalog: actions for makers/);
    assert.ok(stdout.indexOf("## Actions") < stdout.indexOf("## Triggers (Power Automate only)"));
    assert.ok(stdout.includes('PartsCatalog.CreatePart("cat-1", "Hex bolt M8", {catalogId_1: "cat-2", size: {width: 8}})'));
    assert.ok(stdout.includes("> **Not supported by Power Fx's connector library:**"));
    // The unsubscribe DELETE: not an action makers meet, but what turning the flow off does.
    const actions = stdout.slice(stdout.indexOf("## Actions"), stdout.indexOf("## Triggers (Power Automate only)"));
    assert.doesNotMatch(actions, /DeletePartHook/);
    assert.match(stdout, /5 actions, 1 trigger \(and the operation Power Automate calls to end their subscriptions, described with the trigger\)/);
    const trigger = stdout.slice(stdout.indexOf("### When a part changes"));
    assert.match(trigger, /#### When the flow is turned off\n\nTurning the flow off or deleting it ends its subscription: Power Automate calls `DeletePartHook` \(DELETE \/hooks\/parts\/\{hookId\}\)/);
  });

  test("JSON: every operation has operationId and powerFx (null where a canvas app cannot call it)", async () => {
    const { code, stdout } = await docs(["--spec", FIXTURE, "--format", "json"]);
    assert.equal(code, 0);
    const parsed = JSON.parse(stdout) as { operations: { operationId: string; powerFx: string | null }[] };
    assert.deepEqual(
      parsed.operations.map((o) => [o.operationId, o.powerFx === null ? null : o.powerFx.split("(")[0]]),
      [
        ["CreatePart", "PartsCatalog.CreatePart"],
        ["list-parts", "PartsCatalog.listparts"],
        ["ListRegions", null],
        ["UploadNote", "PartsCatalog.UploadNote"],
        ["2fa_verify", "PartsCatalog._2faverify"],
        ["OnPartChanged", null],
        ["DeletePartHook", null],
        ["CheckConnection", null],
      ],
    );
    const kinds = JSON.parse(stdout) as { operations: { operationId: string; kind: string; unsubscribe?: string; endsSubscriptionsOf?: string[] }[] };
    const find = (id: string) => kinds.operations.find((o) => o.operationId === id)!;
    assert.equal(find("OnPartChanged").unsubscribe, "DeletePartHook");
    assert.deepEqual([find("DeletePartHook").kind, find("DeletePartHook").endsSubscriptionsOf], ["unsubscribe", ["OnPartChanged"]]);
  });

  test("--out writes the file and says so", async () => {
    const dir = temporaryFolder("conduit-docs-");
    const out = path.join(dir, "nested", "actions.md");
    const { code, stdout, stderr } = await docs(["--spec", FIXTURE, "--out", out]);
    assert.equal(code, 0);
    assert.equal(stdout, "");
    assert.match(stderr, /5 actions, 1 triggers/);
    assert.match(readFileSync(out, "utf8"), /^# Parts Catalog/);
  });

  test("the CLI: --help, bad usage and unreadable input exit 2 with a message, never a stack trace", () => {
    const help = runCli(["docs", "--help"], process.cwd());
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: conduit docs/);
    const format = runCli(["docs", "--spec", FIXTURE, "--format", "xml"], process.cwd());
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format must be one of markdown, json/);
    const missing = runCli(["docs", "--spec", "no/such.yaml"], process.cwd());
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read no\/such\.yaml: no such file/);
    const dir = temporaryFolder("conduit-docs-");
    writeFileSync(path.join(dir, "openapi.yaml"), "openapi: 3.0.1\ninfo: {title: x, version: '1'}\npaths: {}\n");
    const v3 = runCli(["docs", "--spec", "openapi.yaml"], dir);
    assert.equal(v3.code, 2);
    assert.match(v3.stderr, /not a Swagger 2\.0 definition \(it is OpenAPI 3\.0\.1\)/);
    writeFileSync(path.join(dir, "broken.yaml"), "swagger: '2.0'\npaths:\n  /a: {get: {responses: {'200': {schema: {$ref: 'gone.yaml#/X'}}}}}\n");
    const broken = runCli(["docs", "--spec", "broken.yaml"], dir);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /broken\.yaml:3:\d+  \$ref gone\.yaml#\/X names gone\.yaml, which does not exist/);
    assert.doesNotMatch(broken.stderr + missing.stderr + v3.stderr, /\n\s+at /);
  });
});
