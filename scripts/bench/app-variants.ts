/**
 * The two apps the cold-start bench compares conduit's function app against, written next to a temp project's
 * compiled output as plain ES modules (bench fixtures, not generated product code):
 *
 * - bare: the same handlers registered by hand with `app.http`, no operation table, no validators: it reads
 *   params, query and a JSON body and calls the handler. The floor for "all operations registered".
 * - conduit without auth: the real entry minus the auth guard, to tell the contract machinery's cost from auth's.
 * - compile-at-start: conduit's own adapter, but its validators compiled with ajv when the app starts, from the
 *   spec read at start-up (what openapi-backend and express-openapi-validator do) instead of imported
 *   precompiled. Same schemas, same ajv options as `conduit generate` uses.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { OperationSpec } from "../../src/runtime/contract.js";
import type { TempProject } from "./temp-project.js";

export interface AppVariants {
  readonly bare: string;
  /** The real entry: dist/src/index.js (generated registrations, precompiled validators, the auth guard). */
  readonly conduit: string;
  /** The real entry without the auth guard: what the generated code and the runtime alone cost. */
  readonly conduitWithoutAuth: string;
  readonly compileAtStart: string;
}

export async function loadOperations(project: TempProject): Promise<OperationSpec[]> {
  const module = (await import(pathToFileURL(path.join(project.dist, "generated", "operations.js")).href)) as { operations: Record<string, OperationSpec> };
  return Object.values(module.operations);
}

export async function writeAppVariants(project: TempProject, operations: readonly OperationSpec[]): Promise<AppVariants> {
  const dir = path.join(project.dist, "bench");
  await mkdir(dir, { recursive: true });
  const bare = path.join(dir, "bare.js");
  const compileAtStart = path.join(dir, "compile-at-start.js");
  const conduitWithoutAuth = path.join(dir, "conduit-without-auth.js");
  await writeFile(bare, bareApp(operations));
  await writeFile(compileAtStart, compileAtStartApp(project, operations));
  await writeFile(conduitWithoutAuth, CONDUIT_WITHOUT_AUTH);
  return { bare, conduit: path.join(project.dist, "src", "index.js"), conduitWithoutAuth, compileAtStart };
}

/** src/index.ts without the auth guard (and so without importing src/auth and jose). */
const CONDUIT_WITHOUT_AUTH = `// Bench fixture: the function app's entry without the auth guard.
import functions from "@azure/functions";
import { registrations as bindings } from "../generated/registrations.js";
import { registerOperations } from "../src/runtime/register.js";
import { readRuntimeSettings } from "../src/runtime/settings.js";

const { app } = functions;
export const registrations = registerOperations((name, options) => app.http(name, options), bindings, readRuntimeSettings());
`;

function nameOf(operation: OperationSpec): string {
  return operation.name ?? operation.operationId;
}

function handlerImports(operations: readonly OperationSpec[]): string {
  return operations.map((o, i) => `import { handler as h${i} } from "../src/handlers/${nameOf(o)}.js";`).join("\n");
}

function bareApp(operations: readonly OperationSpec[]): string {
  const registrations = operations.map(
    (o, i) =>
      `app.http(${JSON.stringify(nameOf(o))}, { route: ${JSON.stringify(o.route)}, methods: [${JSON.stringify(o.method)}], authLevel: "function", ` +
      `handler: adapt(h${i}, ${o.body !== undefined}) });`,
  );
  return `// Bench fixture: the same app registered by hand, without validation.
import functions from "@azure/functions";
${handlerImports(operations)}

const { app } = functions;

function adapt(handler, hasBody) {
  return async (request, invocation) => {
    let body;
    if (hasBody) {
      const text = await request.text();
      if (text !== "") {
        try { body = JSON.parse(text); } catch { return { status: 400 }; }
      }
    }
    const query = {};
    for (const [name, value] of request.query) query[name] = value;
    try {
      const result = await handler({ path: request.params, query, headers: {}, body }, { invocation, request, caller: undefined, publicUrl: request.url });
      return { status: result.status, headers: result.headers, body: result.body === undefined ? undefined : JSON.stringify(result.body) };
    } catch (error) {
      return { status: error?.name === "NotImplementedError" ? 501 : 500 };
    }
  };
}

${registrations.join("\n")}
`;
}

function compileAtStartApp(project: TempProject, operations: readonly OperationSpec[]): string {
  const scripts = (file: string) => JSON.stringify(new URL(`../${file}`, import.meta.url).href);
  return `// Bench fixture: conduit's adapter with validators compiled by ajv at start-up instead of precompiled.
import { readFileSync } from "node:fs";
import functions from "@azure/functions";
import { operations } from "../generated/operations.js";
import { registerOperations } from "../src/runtime/register.js";
import { readRuntimeSettings } from "../src/runtime/settings.js";
import { authGuardFromSettings } from "../src/auth/guard.js";
import { buildApiModel } from ${scripts("model/build.js")};
import { createAjv } from ${scripts("generate/ajv.js")};
import { createSchemaContext, definitionSchemas, requestSchema, responseSchemas } from ${scripts("generate/validator-schemas.js")};
${handlerImports(operations)}

const { app } = functions;
const handlers = { ${operations.map((o, i) => `${JSON.stringify(nameOf(o))}: h${i}`).join(", ")} };

const document = JSON.parse(readFileSync(${JSON.stringify(project.specJson)}, "utf8"));
const model = buildApiModel(document);
const context = createSchemaContext(document);
const ajv = createAjv();
for (const schema of [...definitionSchemas(context, "request"), ...definitionSchemas(context, "response")]) ajv.addSchema(schema);
const bindings = model.operations.map((operation) => ({
  operation: operations[operation.name],
  validators: {
    request: ajv.compile(requestSchema(operation, context)),
    responses: Object.fromEntries([...responseSchemas(operation, context)].map(([status, schema]) => [status, ajv.compile(schema)])),
  },
  handler: handlers[operation.name],
}));

export const registrations = registerOperations((name, options) => app.http(name, options), bindings, {
  ...readRuntimeSettings(),
  authorizer: authGuardFromSettings(bindings.map((binding) => binding.operation)),
});
`;
}
