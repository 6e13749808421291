/** `generate(options)`: spec → operation model → generated/ files and missing handler stubs. */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { EMPTY_RANGE, Severity, type Diagnostic } from "../diagnostics.js";
import { buildApiModel } from "../model/build.js";
import { buildWebhookModel, type WebhookModel } from "../model/webhooks.js";
import type { ApiModel, OperationModel } from "../model/model.js";
import { isObject } from "../model/refs.js";
import { displayPath, projectLayout } from "../project.js";
import { loadSwagger } from "../spec/load.js";
import { renderHandlers } from "./handlers.js";
import { contentKeys, toOpenApi3, type ContentKeys } from "./openapi3.js";
import { renderOperations } from "./operations.js";
import { handlerFile, renderRegistrations } from "./registrations.js";
import { renderStub, type StubKind } from "./stubs.js";
import { renderTypes } from "./types.js";
import { refuseBlockedSpec, selfContained } from "./spec-source.js";
import { renderValidators } from "./validators.js";
import { generatedHandlerNames, renderEventValidators, renderWebhooks, withEventDefinitions } from "./webhooks.js";
import { createMissingFiles, syncGeneratedFiles, type FileOutcome } from "./writer.js";

export interface GenerateOptions {
  /** Project root; defaults for the other paths are resolved from it (scripts/project.ts). */
  readonly root?: string;
  readonly spec?: string;
  readonly out?: string;
  readonly handlers?: string;
  /** Where src/runtime lives (contract.ts, handler.ts, errors.ts), for the generated imports. */
  readonly runtime?: string;
  /** Write nothing; report what is stale, missing or extra. */
  readonly check?: boolean;
}

export interface GenerateResult {
  readonly operations: number;
  /** generated/ files: written, unchanged, removed (or stale, missing, extra in check mode). */
  readonly files: readonly FileOutcome[];
  /** Operations whose handler conduit writes itself (webhook subscribe and unsubscribe, in generated/webhooks.ts). */
  readonly generatedHandlers: readonly string[];
  /** Handler stubs created (in check mode: the handler files that are missing). */
  readonly stubs: readonly string[];
  /** Handler files no operation uses any more (left alone: they are the user's code). */
  readonly orphans: readonly string[];
  /** Warnings about the spec, positioned (file:line:col through formatLocation). */
  readonly diagnostics: readonly Diagnostic[];
  /** Check mode: true when nothing is stale, missing or extra. */
  readonly upToDate: boolean;
  readonly elapsedMs: number;
}

export interface GeneratedFiles {
  readonly model: ApiModel;
  readonly webhooks: WebhookModel;
  /** Absolute path → contents, for the output directory. */
  readonly files: ReadonlyMap<string, string>;
  /** Absolute path → stub contents, for every operation (written only where missing). */
  readonly stubs: ReadonlyMap<string, string>;
  readonly problems: readonly string[];
}

interface ResolvedPaths {
  readonly spec: string;
  readonly out: string;
  readonly handlers: string;
  readonly runtime: string;
}

export function resolvePaths(options: GenerateOptions): ResolvedPaths {
  const root = path.resolve(options.root ?? process.cwd());
  const layout = projectLayout(root);
  return {
    spec: options.spec === undefined ? layout.spec : path.resolve(root, options.spec),
    out: path.resolve(root, options.out ?? layout.generated),
    handlers: path.resolve(root, options.handlers ?? layout.handlers),
    runtime: path.resolve(root, options.runtime ?? path.join("src", "runtime")),
  };
}

/** Pure apart from reading nothing: document → file contents. */
export async function renderAll(document: unknown, paths: Omit<ResolvedPaths, "spec">, source?: string): Promise<GeneratedFiles> {
  const model = buildApiModel(document, source);
  const webhooks = buildWebhookModel(document, model, source);
  const events = withEventDefinitions(document, webhooks);
  const openapi = await toOpenApi3(events.document, model.operations);
  const keys = new Map<string, ContentKeys>(model.operations.map((o) => [o.name, contentKeys(openapi, o)]));
  const root = isObject(document) ? document : {};
  const validators = renderValidators(root, model.operations, paths.out, paths.runtime);
  const eventValidators = webhooks.triggers.length > 0 ? renderEventValidators(root, webhooks, paths.out, paths.runtime) : undefined;
  // Handlers conduit writes itself (webhook subscribe and unsubscribe) are bound from generated/webhooks.ts.
  const generatedHandlers = generatedHandlerNames(webhooks);
  const files = new Map<string, string>([
    [path.join(paths.out, "types.ts"), await renderTypes(openapi)],
    [path.join(paths.out, "handlers.ts"), renderHandlers({ operations: model.operations, contentKeys: keys, outDir: paths.out, runtimeDir: paths.runtime })],
    [path.join(paths.out, "operations.ts"), renderOperations(model.operations, paths.out, paths.runtime)],
    [path.join(paths.out, "validators.ts"), validators.text],
    [path.join(paths.out, "registrations.ts"), renderRegistrations(model.operations, paths.out, paths.handlers, paths.runtime, generatedHandlers)],
    [path.join(paths.out, "webhooks.ts"), renderWebhooks({ webhooks, operations: model.operations, eventDefinitions: events.names, outDir: paths.out, runtimeDir: paths.runtime })],
    ...[...(eventValidators?.modules ?? [])].map(([file, text]): [string, string] => [path.join(paths.out, file), text]),
    ...[...validators.modules].map(([file, text]): [string, string] => [path.join(paths.out, file), text]),
  ]);
  const stubs = new Map(
    model.operations
      .filter((o) => !generatedHandlers.has(o.name))
      .map((o) => [handlerFile(paths.handlers, o), renderStub(o, paths.handlers, paths.out, paths.runtime, stubKind(o, webhooks))]),
  );
  return { model, webhooks, files, stubs, problems: [...validators.problems, ...(eventValidators?.problems ?? [])] };
}

export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const started = performance.now();
  const paths = resolvePaths(options);
  const check = options.check ?? false;
  // Messages name the spec as the user would (spec/apiDefinition.swagger.yaml:12:3), not by its absolute path.
  const document = await loadSwagger(displayPath(paths.spec));
  const data = await selfContained(document);
  refuseBlockedSpec(document, data);
  const rendered = await renderAll(data, paths, document.source);
  const files = await syncGeneratedFiles(paths.out, rendered.files, check);
  const stubs = await createMissingFiles(rendered.stubs, check);
  const orphans = await orphanHandlers(paths.handlers, new Set(rendered.stubs.keys()));
  const diagnostics: Diagnostic[] = [
    ...rendered.problems.map((message) => ({ ...schemaWarning(message), source: document.source })),
    ...[...rendered.model.diagnostics, ...rendered.webhooks.diagnostics]
      .map((d) => ({ ...d, range: document.rangeOf(d.path) }))
      .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character),
  ];
  return {
    operations: rendered.model.operations.length,
    generatedHandlers: [...generatedHandlerNames(rendered.webhooks)].sort(),
    files,
    stubs,
    orphans,
    diagnostics,
    upToDate: files.every((f) => f.status === "unchanged") && stubs.length === 0,
    elapsedMs: performance.now() - started,
  };
}

/**
 * Files in the handlers folder that export a `handler` no operation has any more (the operation was renamed or
 * removed). They would fail the build on their missing generated type, so generate names them; it never deletes
 * them, since they are the user's code.
 */
async function orphanHandlers(handlersDir: string, expected: ReadonlySet<string>): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(handlersDir);
  } catch {
    return [];
  }
  const orphans: string[] = [];
  for (const name of names.sort()) {
    const file = path.join(handlersDir, name);
    if (!name.endsWith(".ts") || name.endsWith(".d.ts") || expected.has(file)) continue;
    const text = await readFile(file, "utf8").catch(() => "");
    if (/\bexport\s+(?:const|let|var|async\s+function|function)\s+handler\b|\bexport\s*\{[^}]*\bhandler\b[^}]*\}/.test(text)) orphans.push(file);
  }
  return orphans;
}

/** What a new handler stub starts as: the connection test's answers at once; a webhook handler conduit could not write says how. */
function stubKind(operation: OperationModel, webhooks: WebhookModel): StubKind {
  if (webhooks.testConnection?.name === operation.name) return webhooks.testConnection.success.declared && !webhooks.testConnection.success.hasBody ? { kind: "test-connection", status: webhooks.testConnection.success.status } : { kind: "plain" };
  if (webhooks.triggers.some((t) => t.name === operation.name)) return { kind: "subscribe" };
  if (webhooks.unsubscribes.some((u) => u.name === operation.name)) return { kind: "unsubscribe" };
  return { kind: "plain" };
}

function schemaWarning(message: string): Diagnostic {
  return { code: "conduit-validators", message, path: [], severity: Severity.Warning, range: EMPTY_RANGE };
}
