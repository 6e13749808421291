/**
 * `conduit serve --mock`: every operation answers from its response examples, through the real runtime (routing,
 * function key, token, coercion, request validation), so a maker can build a canvas app or flow before any handler
 * exists. Everything comes from the spec alone: no generate, no build of the app, no storage. Each example is
 * checked against its schema when the mock starts; one that does not match stops it with file:line:col.
 */
import { Severity, UserError, type Diagnostic } from "../diagnostics.js";
import { displayPath } from "../project.js";
import { createAjv } from "../generate/ajv.js";
import { refuseBlockedSpec, selfContained } from "../generate/spec-source.js";
import { toOperationSpec } from "../generate/operation-spec.js";
import { createSchemaContext, definitionSchemas, requestSchema, responseSchemas } from "../generate/validator-schemas.js";
import { buildApiModel } from "../model/build.js";
import { exampleValue } from "../model/examples.js";
import { buildWebhookModel } from "../model/webhooks.js";
import type { OperationModel, ResponseModel } from "../model/model.js";
import { dereference, getAtPath, isObject, parseLocalRef, type JsonObject } from "../model/refs.js";
import type { SourceDocument } from "../spec/document.js";
import { loadSwagger } from "../spec/load.js";
import { authGuardFromSettings } from "../../src/auth/guard.js";
import type { CompiledValidator, OperationBinding } from "../../src/runtime/contract.js";
import type { HandlerContext } from "../../src/runtime/handler.js";
import { registerOperations, type HttpRegistration } from "../../src/runtime/register.js";
import { readRuntimeSettings } from "../../src/runtime/settings.js";
import { authStartupError } from "../issuer/serve-hook.js";
import { hostRegistrations, type AppStage } from "./app.js";

/** What one operation answers in the mock. */
export interface MockAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Where the body came from, for the banner. */
  readonly source: "example" | "schema" | "none";
}

export interface MockApi {
  readonly bindings: readonly OperationBinding[];
  readonly answers: ReadonlyMap<string, MockAnswer>;
  /** The webhook triggers' operation ids: they take subscriptions and never deliver an event. */
  readonly triggers: readonly string[];
}

export function mockApp(specFile: string): AppStage {
  let api: MockApi | undefined;
  return {
    mode: "mock",
    storage: false,
    async prepare() {
      api = await loadMockApi(specFile);
    },
    async start(context) {
      api ??= await loadMockApi(specFile);
      return hostRegistrations(mockRegistrations(api), context, mockNotes(api, specFile));
    },
  };
}

/** The mock's operations registered as the function app registers its own: auth, coercion, validation. */
export function mockRegistrations(api: MockApi): readonly HttpRegistration[] {
  try {
    return registerOperations(() => {}, api.bindings, {
      ...readRuntimeSettings(),
      authorizer: authGuardFromSettings(api.bindings.map((b) => b.operation)),
    });
  } catch (error) {
    throw authStartupError(error) ?? error;
  }
}

export function mockNotes(api: MockApi, specFile: string): string[] {
  const made = [...api.answers].filter(([, a]) => a.source === "schema").map(([name]) => name);
  return [
    `Mock: every operation answers from the response examples in ${displayPath(specFile)}; no handler runs.`,
    ...(made.length > 0 ? [`  built from the schema (no example in the spec): ${made.join(", ")}`] : []),
    ...(api.triggers.length > 0
      ? [`  triggers answer their subscription from the examples and deliver no event (conduit try skips them): ${api.triggers.join(", ")}`]
      : []),
  ];
}

/** A success response without an example that the mock could answer with, nor a schema to make one from. */
const NO_EXAMPLE = "conduit-mock-no-example";

/** The spec → bindings whose handlers answer from examples; throws a UserError naming every bad example. */
export async function loadMockApi(specFile: string): Promise<MockApi> {
  const document = await loadSwagger(displayPath(specFile));
  const data = await selfContained(document);
  refuseBlockedSpec(document, data);
  const root: JsonObject = isObject(data) ? data : {};
  const model = buildApiModel(data, document.source);
  const ajv = createAjv();
  const context = createSchemaContext(root);
  for (const schema of [...definitionSchemas(context, "request"), ...definitionSchemas(context, "response")]) ajv.addSchema(schema);

  const specHost = typeof root["host"] === "string" ? root["host"].toLowerCase() : undefined;
  const problems: Diagnostic[] = [];
  const bindings: OperationBinding[] = [];
  const answers = new Map<string, MockAnswer>();
  for (const operation of model.operations) {
    const request = ajv.compile(requestSchema(operation, context)) as unknown as CompiledValidator;
    const responses: Record<string, CompiledValidator> = {};
    for (const [status, schema] of responseSchemas(operation, context)) responses[status] = ajv.compile(schema) as unknown as CompiledValidator;
    for (const response of operation.responses) problems.push(...checkExamples(document, root, operation, response, responses[response.status]));
    const answer = chooseAnswer(root, operation, responses, problems, document);
    answers.set(operation.name, answer);
    const nextLink = nextLinkName(root, operation);
    bindings.push({
      operation: toOperationSpec(operation),
      validators: { request, responses },
      handler: (_request: never, context: HandlerContext) => {
        // Links in the examples name the spec's host; a client following them must come back to this mock.
        const here = (link: string): string => servedHere(link, specHost, context.publicUrl);
        const body = answer.body === undefined ? undefined : structuredClone(answer.body);
        if (nextLink !== undefined && isObject(body) && typeof body[nextLink] === "string") body[nextLink] = here(body[nextLink]);
        const headers = answer.headers && Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name, name.toLowerCase() === "location" ? here(value) : value]));
        return { status: answer.status, ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) };
      },
    });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    const missing = problems.filter((p) => p.code === NO_EXAMPLE).length;
    const wrong = problems.length - missing;
    const parts = [
      ...(wrong > 0 ? [`${wrong === 1 ? "1 response example does" : `${wrong} response examples do`} not match the schema; the mock would answer what the contract forbids`] : []),
      ...(missing > 0 ? [`${missing === 1 ? "1 operation has" : `${missing} operations have`} no response example to answer with`] : []),
    ];
    throw new UserError(`${document.source}: ${parts.join("; ")}`, { diagnostics: problems, exitCode: 1 });
  }
  const triggers = buildWebhookModel(data, model, document.source).triggers.map((t) => model.operations.find((o) => o.name === t.name)?.operationId ?? t.name);
  return { bindings, answers, triggers };
}

/** `x-ms-pageable.nextLinkName` of the operation ("nextLink" when x-ms-pageable names none), else undefined. */
function nextLinkName(root: JsonObject, operation: OperationModel): string | undefined {
  const raw = getAtPath(root, operation.location.map(String));
  if (!isObject(raw) || !("x-ms-pageable" in raw)) return undefined;
  const pageable = raw["x-ms-pageable"];
  if (isObject(pageable) && pageable["nextLinkName"] === null) return undefined; // the API does not page after all
  return isObject(pageable) && typeof pageable["nextLinkName"] === "string" ? pageable["nextLinkName"] : "nextLink";
}

/** An absolute link to the spec's host (any host when the spec names none), on the origin this request came to. */
export function servedHere(link: string, specHost: string | undefined, requestUrl: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return link; // relative: it already resolves against this mock
  }
  if (specHost !== undefined && url.host.toLowerCase() !== specHost) return link;
  return `${new URL(requestUrl).origin}${url.pathname}${url.search}${url.hash}`;
}

/** Every JSON example of a response, against the response's schema. */
function checkExamples(document: SourceDocument, root: JsonObject, operation: OperationModel, response: ResponseModel, validate: CompiledValidator | undefined): Diagnostic[] {
  if (validate === undefined) return [];
  const { examples, at } = responseExamples(root, response);
  const out: Diagnostic[] = [];
  for (const [mediaType, example] of Object.entries(examples)) {
    if (!isJson(mediaType) || validate(example)) continue;
    for (const error of validate.errors ?? []) {
      const pointer = error.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
      const path = [...at, "examples", mediaType, ...pointer.map((s) => (/^\d+$/.test(s) ? Number(s) : s))];
      const detail = error.keyword === "enum" ? `: ${(error.params["allowedValues"] as unknown[] | undefined)?.join(", ")}` : "";
      out.push({
        code: "conduit-mock-example",
        message: `${operation.operationId} ${response.status} example${error.instancePath || ""} ${error.message ?? error.keyword}${detail}`,
        path,
        severity: Severity.Error,
        source: document.source,
        range: document.rangeOf(path),
      });
    }
  }
  return out;
}

/** The response object's `examples` and its JSON path (where a `$ref` to #/responses leads, when it does). */
function responseExamples(root: JsonObject, response: ResponseModel): { examples: JsonObject; at: (string | number)[] } {
  const raw = getAtPath(root, response.location.map(String));
  let at: (string | number)[] = [...response.location];
  if (isObject(raw) && typeof raw["$ref"] === "string") at = parseLocalRef(raw["$ref"]) ?? at;
  const value = dereference(root, raw).value;
  const examples = isObject(value) && isObject(value["examples"]) ? value["examples"] : {};
  return { examples, at };
}

/**
 * The success the mock gives: the first 2xx (else `default` as 200) with its example, else a body built from its
 * schema's examples and types (checked like an example), else no body.
 */
function chooseAnswer(root: JsonObject, operation: OperationModel, validators: Readonly<Record<string, CompiledValidator>>, problems: Diagnostic[], document: SourceDocument): MockAnswer {
  const success = operation.responses.find((r) => /^2\d\d$/.test(r.status)) ?? operation.responses.find((r) => r.status === "default");
  if (success === undefined) return { status: 204, source: "none" };
  const status = success.status === "default" ? 200 : Number(success.status);
  const headers = exampleHeaders(root, success);
  const withHeaders = Object.keys(headers).length > 0 ? { headers } : {};
  if (success.binary) return { status, body: new Uint8Array(0), source: "none", ...withHeaders };
  const { examples, at } = responseExamples(root, success);
  const json = Object.entries(examples).find(([type]) => isJson(type));
  if (json !== undefined) return { status, body: json[1], source: "example", ...withHeaders };
  if (success.schema === undefined) return { status, source: "none", ...withHeaders };
  const body = exampleValue(root, success.schema, { direction: "response", optional: "all" });
  const validate = validators[success.status];
  if (body === undefined || (validate !== undefined && !validate(body))) {
    problems.push({
      code: NO_EXAMPLE,
      message:
        `${operation.operationId} (${operation.method.toUpperCase()} ${operation.path}) has no example for its ${success.status} response, and none can be made from its schema: ` +
        `add one to that response (here), as \`examples:\` then \`application/json:\` then the body it returns, e.g. \`examples: { application/json: { id: "1" } }\``,
      path: at,
      severity: Severity.Error,
      source: document.source,
      range: document.rangeOf(at),
    });
  }
  return { status, body, source: "schema", ...withHeaders };
}

/** Declared response headers that the spec gives a value for. */
function exampleHeaders(root: JsonObject, response: ResponseModel): Record<string, string> {
  const raw = dereference(root, getAtPath(root, response.location.map(String))).value;
  const declared = isObject(raw) && isObject(raw["headers"]) ? raw["headers"] : {};
  const out: Record<string, string> = {};
  for (const [name, header] of Object.entries(declared)) {
    if (!isObject(header)) continue;
    const value = header["x-ms-test-value"] ?? header["x-example"] ?? header["example"] ?? header["default"];
    if (value !== undefined && value !== null) out[name] = String(value);
  }
  return out;
}

function isJson(mediaType: string): boolean {
  const type = mediaType.split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || type.endsWith("+json") || type === "*/*";
}
