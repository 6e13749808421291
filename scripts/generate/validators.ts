/**
 * generated/validators.ts and generated/validators/*.cts: ajv validators compiled at generate time to standalone
 * code, so the function app compiles no schema at start-up. Per operation one request validator and one per
 * response status with a schema, exported as `validators: Record<OperationId, OperationValidators>`.
 */
import path from "node:path";
import ts from "typescript";
import type { OperationModel } from "../model/model.js";
import type { JsonObject } from "../model/refs.js";
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
  // Every module is in validators/: one path from there to the runtime's formats serves them all.
  const ajv = createAjv({ standalone: true, formatsModule: importPath(path.join(outDir, "validators"), `${runtimeDir}/formats.cjs`) });
  for (const schema of [...definitionSchemas(context, "request"), ...definitionSchemas(context, "response")]) ajv.addSchema(schema);
  const modules = new Map<string, string>();
  const table: ts.PropertyAssignment[] = [];
  for (const operation of operations) {
    const exports: Record<string, string> = {};
    exports["request"] = `${operation.name}$request`;
    ajv.addSchema(requestSchema(operation, context), exports["request"]);
    const statuses: string[] = [];
    for (const [status, schema] of responseSchemas(operation, context)) {
      exports[status] = `${operation.name}$${status}`;
      ajv.addSchema(schema, exports[status]);
      statuses.push(status);
    }
    const file = validatorModulePath(operation);
    modules.set(file, `${GENERATED_HEADER}// @ts-nocheck: ajv's standalone output below is JavaScript.\n${standaloneCode(ajv, exports)}\n`);
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
