/**
 * generated/validators.ts: ajv validators compiled at generate time to standalone code, so the function app
 * compiles no schema at start-up. Per operation one request validator and one per response status with a
 * schema, exported as `validators: Record<OperationId, OperationValidators>`.
 */
import Ajv04Module from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import standaloneModule from "ajv/dist/standalone/index.js";
import ts from "typescript";
import type { OperationModel } from "../model/model.js";
import type { JsonObject } from "../model/refs.js";
import { GENERATED_HEADER, importPath, printStatements, propertyName } from "./print.js";
import { createSchemaContext, definitionSchemas, requestSchema, responseSchemas } from "./validator-schemas.js";

// CommonJS packages whose `default` export NodeNext types as the module object.
const Ajv04 = defaultExport(Ajv04Module);
const addFormats = defaultExport(addFormatsModule);
const standaloneCode = defaultExport(standaloneModule);

function defaultExport<T>(module: T): T extends { default: infer D } ? D : T {
  const inner = (module as { default?: unknown }).default;
  return (inner ?? module) as T extends { default: infer D } ? D : T;
}

const f = ts.factory;

export interface ValidatorsResult {
  readonly text: string;
  /** Schema problems (unresolvable references, foreign regular expressions), each once. */
  readonly problems: readonly string[];
}

export function renderValidators(root: JsonObject, operations: readonly OperationModel[], outDir: string, runtimeDir: string): ValidatorsResult {
  const context = createSchemaContext(root);
  const ajv = new Ajv04({
    strict: false,
    allErrors: true,
    logger: false,
    unicodeRegExp: false,
    validateSchema: false,
    inlineRefs: false,
    code: { source: true, esm: true, optimize: true },
  });
  addFormats(ajv);
  for (const schema of [...definitionSchemas(context, "request"), ...definitionSchemas(context, "response")]) ajv.addSchema(schema);
  const exports: Record<string, string> = {};
  const table: ts.PropertyAssignment[] = [];
  for (const operation of operations) {
    const requestName = `${operation.name}$request`;
    ajv.addSchema(requestSchema(operation, context), requestName);
    exports[requestName] = requestName;
    const responses: ts.PropertyAssignment[] = [];
    for (const [status, schema] of responseSchemas(operation, context)) {
      const name = `${operation.name}$${status.replace(/[^A-Za-z0-9_]/g, "_")}`;
      ajv.addSchema(schema, name);
      exports[name] = name;
      responses.push(f.createPropertyAssignment(f.createStringLiteral(status), f.createIdentifier(name)));
    }
    table.push(
      f.createPropertyAssignment(
        propertyName(operation.name),
        f.createObjectLiteralExpression(
          [
            f.createPropertyAssignment("request", f.createIdentifier(requestName)),
            f.createPropertyAssignment("responses", f.createObjectLiteralExpression(responses, responses.length > 0)),
          ],
          true,
        ),
      ),
    );
  }
  const code = operations.length === 0 ? "" : standaloneCode(ajv, exports).replace(/^"use strict";/, "");
  const text =
    `${GENERATED_HEADER}// @ts-nocheck: ajv's standalone output below is JavaScript.\n\n` +
    printStatements(prologue(outDir, runtimeDir)) +
    `\n${code}\n\n` +
    printStatements([validatorsTable(table)]);
  return { text, problems: [...new Set(context.problems)].sort() };
}

/** Imports, and the `require` that ajv's ESM output calls for its runtime helpers and formats. */
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
