/**
 * conduit generate on webhook triggers of every shape real connectors use (test/fixtures/webhooks): the model it
 * reads, the handlers and notify it writes, the stubs it leaves to the user, and that all of it compiles.
 */
import assert from "node:assert/strict";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { parse } from "yaml";
import { generate, type GenerateResult } from "../../scripts/generate/generate.js";
import { buildApiModel } from "../../scripts/model/build.js";
import { buildWebhookModel, unsubscribePath } from "../../scripts/model/webhooks.js";
import { repositoryRoot } from "./sample-project.js";
import { typecheck } from "./typecheck.js";

const FIXTURE = path.resolve(process.cwd(), "test/fixtures/webhooks/apiDefinition.swagger.yaml");

describe("the webhook model", () => {
  test("pairs a trigger with the DELETE under its path first, else beside it, with only its own variables", () => {
    assert.deepEqual(unsubscribePath("/hooks/created", ["/hooks/{id}", "/hooks/created/{id}"]), { path: "/hooks/created/{id}", idParameter: "id" });
    assert.deepEqual(unsubscribePath("/hooks/created", ["/hooks/{id}"]), { path: "/hooks/{id}", idParameter: "id" });
    assert.deepEqual(unsubscribePath("/Hooks/Created", ["/hooks/{id}"]), { path: "/hooks/{id}", idParameter: "id" }, "literals compare case-insensitively, as Azure routes");
    assert.deepEqual(unsubscribePath("/b/{SMTP}/webhook/Created", ["/b/{SMTP}/webhook/{WebhookId}"]), { path: "/b/{SMTP}/webhook/{WebhookId}", idParameter: "WebhookId" });
    assert.equal(unsubscribePath("/hooks/created", ["/other/{id}", "/hooks/created"]), undefined);
    assert.equal(unsubscribePath("/hooks", ["/{id}"]), undefined, "not at the API root");
    assert.equal(unsubscribePath("/a/{x}/hooks", ["/a/{y}/hooks/{id}"]), undefined, "the DELETE's other variables are the trigger's");
    assert.equal(unsubscribePath("/a/{x}/hooks", ["/a/{x}/hooks/{x}"]), undefined, "the id is a variable of its own");
  });

  test("reads the fixture's triggers, callbacks, events, unsubscribes and connection test", async () => {
    const document: unknown = parse(await readFile(FIXTURE, "utf8"));
    const model = buildWebhookModel(document, buildApiModel(document, "fixture.yaml"), "fixture.yaml");
    const byName = new Map(model.triggers.map((t) => [t.name, t]));
    assert.deepEqual([...byName.keys()].sort(), ["LegacyHook", "RichSubscribe", "WhenATaskIsCreated", "WhenProjectEventsHappen", "whenATaskIsDeleted"], "by name: when-a-task-is-deleted made an identifier");
    assert.deepEqual(byName.get("WhenProjectEventsHappen")?.callback, ["notification", "url"]);
    assert.equal(byName.get("WhenProjectEventsHappen")?.kind, "batch");
    assert.deepEqual(byName.get("WhenProjectEventsHappen")?.unsubscribe, { operation: "DeleteProjectEvents", route: "projects/{projectId}/events/{subscriptionId}", idParameter: "subscriptionId" });
    assert.equal(byName.get("LegacyHook")?.event, undefined);
    assert.equal(byName.get("LegacyHook")?.unsubscribe, undefined);
    assert.deepEqual(byName.get("LegacyHook")?.success, { status: 200, declared: true, hasBody: false });
    assert.deepEqual(byName.get("RichSubscribe")?.success, { status: 201, declared: true, hasBody: true });
    assert.deepEqual(model.unsubscribes.map((u) => [u.name, u.triggers, u.idParameter]), [
      ["DeleteHook", ["WhenATaskIsCreated", "whenATaskIsDeleted"], "hookId"],
      ["DeleteProjectEvents", ["WhenProjectEventsHappen"], "subscriptionId"],
      ["DeleteRich", ["RichSubscribe"], "webhookId"],
    ]);
    assert.deepEqual(model.testConnection, { name: "Ping", success: { status: 200, declared: true, hasBody: false } });
    const notes = model.diagnostics.map((d) => `${d.path.join(" ")}: ${d.message}`);
    assert.ok(notes.some((n) => /^paths \/legacy\/webhook post: LegacyHook: no DELETE at \/legacy\/webhook\/\{id\} or beside it/.test(n)), notes.join("\n"));
    assert.ok(notes.some((n) => /LegacyHook: the path has no x-ms-notification-content schema/.test(n)));
    assert.ok(notes.some((n) => /RichSubscribe: its 201 answer has a body schema, which conduit cannot fill: write the handler in src\/handlers\/RichSubscribe\.ts/.test(n)));
  });
});

describe("conduit generate with webhook triggers", () => {
  let root: string;
  let result: GenerateResult;
  const out = () => path.join(root, "generated");
  const handlers = () => path.join(root, "src", "handlers");

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "conduit-webhooks-"));
    await mkdir(path.join(root, "spec"));
    await copyFile(FIXTURE, path.join(root, "spec", "apiDefinition.swagger.yaml"));
    result = await generate({ root, runtime: path.join(repositoryRoot, "src", "runtime") });
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test("writes the subscribe and unsubscribe handlers itself, and stubs only what it cannot write", async () => {
    assert.deepEqual(result.generatedHandlers, ["DeleteHook", "DeleteProjectEvents", "DeleteRich", "LegacyHook", "WhenATaskIsCreated", "WhenProjectEventsHappen", "whenATaskIsDeleted"]);
    assert.deepEqual(result.stubs.map((s) => path.basename(s)).sort(), ["CreateTask.ts", "Ping.ts", "RichSubscribe.ts"]);
    const ping = await readFile(path.join(handlers(), "Ping.ts"), "utf8");
    assert.match(ping, /return \{ status: 200 \};/, "the connection test answers at once");
    assert.match(ping, /x-ms-capabilities testConnection/);
    const rich = await readFile(path.join(handlers(), "RichSubscribe.ts"), "utf8");
    assert.match(rich, /notImplemented\("RichSubscribe"\)/);
    assert.match(rich, /await subscribe\(triggers\.RichSubscribe, request, context\)/);
    const registrations = await readFile(path.join(out(), "registrations.ts"), "utf8");
    assert.match(registrations, /import \{ DeleteHook, DeleteProjectEvents, DeleteRich, LegacyHook, WhenATaskIsCreated, WhenProjectEventsHappen, whenATaskIsDeleted \} from "\.\/webhooks\.js";/);
    assert.match(registrations, /import \{ handler as RichSubscribe \} from "\.\.\/src\/handlers\/RichSubscribe\.js";/);
  });

  test("the handlers answer as the spec declares: Location where a DELETE pairs, the nested callback, the id's route", async () => {
    const webhooks = await readFile(path.join(out(), "webhooks.ts"), "utf8");
    assert.match(webhooks, /WhenProjectEventsHappen: \{\s+name: "WhenProjectEventsHappen",\s+kind: "batch",\s+route: "projects\/\{projectId\}\/events",\s+callback: \["notification", "url"\],\s+unsubscribe: \{\s+route: "projects\/\{projectId\}\/events\/\{subscriptionId\}",\s+idParameter: "subscriptionId"\s+\}/);
    assert.match(webhooks, /export const LegacyHook: handlers\.LegacyHookHandler = async \(request, context\) => \{\s+await subscribe\(triggers\.LegacyHook, request, context\);\s+const answer = \{ status: 200 as const \};/);
    assert.match(webhooks, /export const DeleteHook: handlers\.DeleteHookHandler = async \(request, context\) => \{\s+await unsubscribe\(\["WhenATaskIsCreated", "whenATaskIsDeleted"\], request\.path\.hookId, context\);\s+const answer = \{ status: 200 as const \};/);
    assert.match(webhooks, /export type LegacyHookEvent = unknown;/);
    assert.match(webhooks, /export type WhenProjectEventsHappenEvent = api\.Readable<api\.components\["schemas"\]\["WhenProjectEventsHappen\.notification"\]>;/);
  });

  test("everything compiles, notify typed by each trigger's event", async () => {
    const probe = path.join(root, "probe.ts");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(
      probe,
      [
        `import { notify } from "./generated/webhooks.js";`,
        `export async function ok(): Promise<void> {`,
        `  await notify.WhenATaskIsCreated({ id: "t1", title: "Paint" });`,
        `  await notify.WhenProjectEventsHappen([{ kind: "opened" }], { where: (s) => s.parameters.path.projectId === "p1" && (s.parameters.body.kinds ?? []).includes("opened") });`,
        `  await notify.LegacyHook({ anything: true });`,
        `  // @ts-expect-error: a task needs a title`,
        `  await notify.WhenATaskIsCreated({ id: "t1" });`,
        `  // @ts-expect-error: a batch trigger's event is a list`,
        `  await notify.WhenProjectEventsHappen({ kind: "opened" });`,
        `}`,
      ].join("\n"),
    );
    const checked = typecheck([path.join(out(), "registrations.ts"), probe]);
    assert.deepEqual(checked.errors, []);
  });

  test("the events' validators are compiled: the batch event is a list of known kinds", async () => {
    const require = createRequire(import.meta.url);
    const ts = await import("typescript");
    // One module per trigger, each CommonJS JavaScript under a type-check pragma: transpile it as tsc would.
    const names = (await readdir(path.join(out(), "events"))).sort();
    assert.deepEqual(names, ["LegacyHook.cts", "RichSubscribe.cts", "WhenATaskIsCreated.cts", "WhenProjectEventsHappen.cts", "whenATaskIsDeleted.cts"]);
    const exported: Record<string, (data: unknown) => boolean> = {};
    for (const name of names) {
      const text = await readFile(path.join(out(), "events", name), "utf8");
      // Formats are the runtime's (src/runtime/formats.cts, as the app's validators use), by a path from generated/events/.
      if (text.includes("formats.cjs")) assert.match(text, /require\("(?:\.\.\/)+[^"]*src\/runtime\/formats\.cjs"\)/);
      const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
      const load = (id: string): unknown => require(id.endsWith("/src/runtime/formats.cjs") ? "../../src/runtime/formats.cjs" : id);
      const module: { exports: Record<string, (data: unknown) => boolean> } = { exports: {} };
      new Function("exports", "require", "module", js)(module.exports, load, module);
      assert.deepEqual(Object.keys(module.exports), [name.replace(/\.cts$/, "")], `${name} exports its trigger's validator only`);
      Object.assign(exported, module.exports);
    }
    const module = { exports: exported };
    const batch = module.exports["WhenProjectEventsHappen"]!;
    assert.ok(batch([{ kind: "opened", at: "2026-01-01T00:00:00Z" }]));
    assert.ok(!batch({ kind: "opened" }));
    assert.ok(!batch([{ kind: "reopened" }]));
    assert.ok(module.exports["LegacyHook"]!({ anything: [1, 2] }), "no schema: any JSON");
    assert.ok(!module.exports["whenATaskIsDeleted"]!({ taskId: "t" }), "the inline schema's required fields");
  });

  test("generating again changes nothing", async () => {
    const again = await generate({ root, runtime: path.join(repositoryRoot, "src", "runtime"), check: true });
    assert.ok(again.upToDate, JSON.stringify(again.files.filter((f) => f.status !== "unchanged")));
  });
});
