/**
 * generated/validators.ts and generated/validators/*.cts: ajv validators compiled at generate time to standalone
 * code, so the function app compiles no schema at start-up. Per operation one request validator and one per
 * response status with a schema, exported as `validators: Record<OperationId, OperationValidators>`.
 */
import path from "node:path";
import ts from "typescript";
import type { OperationModel } from "../model/model.js";
import { isObject, type JsonObject } from "../model/refs.js";
import { createAjv, standaloneCode } from "./ajv.js";
import { GENERATED_HEADER, importPath, printStatements, propertyName } from "./print.js";
import { createSchemaContext, definitionSchemas, requestSchema, responseSchemas } from "./validator-schemas.js";

const f = ts.factory;

export interface ValidatorsResult {
  /** generated/validators.ts: the `validators` table, each operation's entry loading its module on first use. */
  readonly text: string;
  /** Path relative to the output folder (`validators/<Operation>.cts`) → ajv's standalone code for that operation. */
  readonly modules: ReadonlyMap<string, string>;
  /** Schema problems (unresolvable references, foreign regular expressions), each once. */
  readonly problems: readonly string[];
}

/** The line under the header of every validators module: what follows is plain CommonJS JavaScript. */
export const STANDALONE_MARKER = "// @ts-nocheck: ajv's standalone output below is JavaScript.";

/** Where an operation's validators module lives, relative to the output folder (as written, .cts). */
export function validatorModulePath(operation: OperationModel): string {
  return `validators/${operation.name}.cts`;
}

/**
 * One CommonJS module per operation (ajv's standalone code, so nothing is compiled at start-up) and a table that
 * `require`s an operation's module the first time one of its validators runs: the app starts without parsing
 * the validators of operations not yet called, which for a large API is megabytes of JavaScript.
 */
export function renderValidators(root: JsonObject, operations: readonly OperationModel[], outDir: string, runtimeDir: string): ValidatorsResult {
  const context = createSchemaContext(root);
  // Every module is in validators/: one path from there to the runtime's formats (src/runtime/formats.cts) serves all.
  const formatsModule = importPath(path.join(outDir, "validators"), `${runtimeDir}/formats.cjs`);
  const definitions = new Map<string, JsonObject>();
  for (const schema of [...definitionSchemas(context, "request"), ...definitionSchemas(context, "response")]) definitions.set(String(schema["id"]), schema);
  const modules = new Map<string, string>();
  const table: ts.PropertyAssignment[] = [];
  for (const operation of operations) {
    const own = new Map<string, JsonObject>();
    own.set(`${operation.name}$request`, requestSchema(operation, context));
    const statuses: string[] = [];
    for (const [status, schema] of responseSchemas(operation, context)) {
      own.set(`${operation.name}$${status}`, schema);
      statuses.push(status);
    }
    const exports: Record<string, string> = { request: `${operation.name}$request` };
    for (const status of statuses) exports[status] = `${operation.name}$${status}`;
    const file = validatorModulePath(operation);
    modules.set(file, standaloneModule(own, definitions, exports, formatsModule));
    const load = f.createArrowFunction(undefined, undefined, [], undefined, undefined,
      f.createCallExpression(f.createIdentifier("require"), undefined, [f.createStringLiteral(`./${file.replace(/\.cts$/, ".cjs")}`)]));
    const call = f.createCallExpression(f.createIdentifier("lazyValidators"), undefined, [
      load,
      f.createArrayLiteralExpression(statuses.map((s) => f.createStringLiteral(s))),
    ]);
    table.push(f.createPropertyAssignment(propertyName(operation.name), call));
  }
  // tsc compiles only what the program reaches, and nothing imports these modules (they are required at run
  // time): a reference directive each brings them into the build.
  const references = [...modules.keys()].map((file) => `/// <reference path="./${file}" />\n`).join("");
  const text =
    `${GENERATED_HEADER}// @ts-nocheck: \`import.meta\` (for createRequire) is an error to tsc in a folder it takes for CommonJS.\n` +
    "// Each operation's validators are in validators/<operation>.cts, loaded the first time the operation is called.\n" +
    `${references}\n${printStatements([...prologue(outDir, runtimeDir), validatorsTable(table)])}`;
  return { text, modules, problems: [...new Set(context.problems)].sort() };
}

/**
 * One operation's standalone module, compiled by an ajv instance of its own that holds only the definitions the
 * operation reaches: ajv numbers its functions per instance, so an operation's module depends on its contract
 * alone and does not change when another operation is added, removed or renamed.
 */
/** One validators module: the header, the marker, and ajv's standalone code for `own` and what it reaches. */
export function standaloneModule(own: ReadonlyMap<string, JsonObject>, definitions: ReadonlyMap<string, JsonObject>, exports: Record<string, string>, formatsModule: string): string {
  return `${GENERATED_HEADER}${STANDALONE_MARKER}\n${operationCode(own, definitions, exports, formatsModule)}\n`;
}

function operationCode(own: ReadonlyMap<string, JsonObject>, definitions: ReadonlyMap<string, JsonObject>, exports: Record<string, string>, formatsModule: string): string {
  const reached = reachableDefinitions([...own.values()], definitions);
  // The same contract always compiles to the same code, so a long-running generate (conduit dev) compiles
  // only the operations whose contract changed since the last run.
  const key = JSON.stringify([[...own], reached.map((id) => definitions.get(id)), exports, formatsModule]);
  const cached = compiled.get(key);
  if (cached !== undefined) return cached;
  const ajv = createAjv({ standalone: true, formatsModule });
  for (const id of reached) ajv.addSchema(definitions.get(id)!);
  for (const [name, schema] of own) ajv.addSchema(schema, name);
  const code = standaloneCode(ajv, exports);
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(key, code);
  return code;
}

const compiled = new Map<string, string>();
const MAX_CACHED = 5_000;

/** The ids of the definitions that `schemas` refer to, directly or through other definitions, in the order met. */
export function reachableDefinitions(schemas: readonly unknown[], definitions: ReadonlyMap<string, JsonObject>): string[] {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        if (definitions.has(value) && !found.has(value)) {
          found.add(value);
          visit(definitions.get(value));
        }
      } else visit(value);
    }
  };
  for (const schema of schemas) visit(schema);
  return [...found];
}

/** Imports, and the `require` that loads each operation's module. */
function prologue(outDir: string, runtimeDir: string): ts.Statement[] {
  const named = (names: string[], from: string, typeOnly: boolean) =>
    f.createImportDeclaration(
      undefined,
      f.createImportClause(typeOnly, undefined, f.createNamedImports(names.map((n) => f.createImportSpecifier(false, undefined, f.createIdentifier(n))))),
      f.createStringLiteral(from),
    );
  return [
    named(["createRequire"], "node:module", false),
    named(["OperationValidators"], importPath(outDir, `${runtimeDir}/contract.ts`), true),
    named(["lazyValidators"], importPath(outDir, `${runtimeDir}/lazy-validators.ts`), false),
    named(["OperationId"], "./operations.js", true),
    f.createVariableStatement(
      undefined,
      f.createVariableDeclarationList(
        [f.createVariableDeclaration("require", undefined, undefined, f.createCallExpression(f.createIdentifier("createRequire"), undefined, [
          f.createPropertyAccessExpression(f.createMetaProperty(ts.SyntaxKind.ImportKeyword, f.createIdentifier("meta")), "url"),
        ]))],
        ts.NodeFlags.Const,
      ),
    ),
  ];
}

function validatorsTable(entries: ts.PropertyAssignment[]): ts.Statement {
  return f.createVariableStatement(
    [f.createModifier(ts.SyntaxKind.ExportKeyword)],
    f.createVariableDeclarationList(
      [f.createVariableDeclaration(
        "validators",
        undefined,
        f.createTypeReferenceNode("Readonly", [f.createTypeReferenceNode("Record", [f.createTypeReferenceNode("OperationId"), f.createTypeReferenceNode("OperationValidators")])]),
        f.createObjectLiteralExpression(entries, true),
      )],
      ts.NodeFlags.Const,
    ),
  );
}
