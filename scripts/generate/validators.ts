/**
 * generated/validators.ts: ajv validators compiled at generate time to standalone code, so the function app
 * compiles no schema at start-up. Per operation one request validator and one per response status with a
 * schema, exported as `validators: Record<OperationId, OperationValidators>`.
 */
import ts from "typescript";
import type { OperationModel } from "../model/model.js";
import type { JsonObject } from "../model/refs.js";
import { createAjv, standaloneCode } from "./ajv.js";
import { GENERATED_HEADER, importPath, printStatements, propertyName } from "./print.js";
import { createSchemaContext, definitionSchemas, requestSchema, responseSchemas } from "./validator-schemas.js";

const f = ts.factory;

export interface ValidatorsResult {
  readonly text: string;
  /** Schema problems (unresolvable references, foreign regular expressions), each once. */
  readonly problems: readonly string[];
}

export function renderValidators(root: JsonObject, operations: readonly OperationModel[], outDir: string, runtimeDir: string): ValidatorsResult {
  const context = createSchemaContext(root);
  const ajv = createAjv({ standalone: true });
  for (const schema of [...definitionSchemas(context, "request"), ...definitionSchemas(context, "response")]) ajv.addSchema(schema);
  const exports: Record<string, string> = {};
  const table: ts.PropertyAssignment[] = [];
  for (const operation of operations) {
    const requestName = `${operation.name}$request`;
    ajv.addSchema(requestSchema(operation, context), requestName);
    exports[requestName] = requestName;
    const responses: ts.PropertyAssignment[] = [];
    for (const [status, schema] of responseSchemas(operation, context)) {
      let name = `${operation.name}$${status.replace(/[^A-Za-z0-9_]/g, "_")}`;
      while (exports[name] !== undefined) name += "_";
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
