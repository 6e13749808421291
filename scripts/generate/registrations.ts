/**
 * generated/registrations.ts: binds each operation's spec, validators and hand-written handler, checking the
 * handler against its typed signature (`satisfies XHandler`), as the `registrations` array the runtime reads.
 */
import path from "node:path";
import ts from "typescript";
import type { OperationModel } from "../model/model.js";
import { typeOnlyNamespaceImport } from "./handlers.js";
import { importPath, printGeneratedFile } from "./print.js";

const f = ts.factory;

export function handlerFile(handlersDir: string, operation: OperationModel): string {
  return path.join(handlersDir, `${operation.name}.ts`);
}

/** `generated`: operations whose handler generated/webhooks.ts writes (webhook subscribe and unsubscribe). */
export function renderRegistrations(
  operations: readonly OperationModel[],
  outDir: string,
  handlersDir: string,
  runtimeDir: string,
  generated: ReadonlySet<string> = new Set(),
): string {
  const named = (name: string, alias: string | undefined, from: string, typeOnly: boolean) =>
    f.createImportDeclaration(
      undefined,
      f.createImportClause(typeOnly, undefined, f.createNamedImports([
        f.createImportSpecifier(false, alias === undefined ? undefined : f.createIdentifier(name), f.createIdentifier(alias ?? name)),
      ])),
      f.createStringLiteral(from),
    );
  const imports: ts.Statement[] = [
    named("OperationBinding", undefined, importPath(outDir, `${runtimeDir}/contract.ts`), true),
    typeOnlyNamespaceImport("handlers", "./handlers.js"),
    named("operations", undefined, "./operations.js", false),
    named("validators", undefined, "./validators.js", false),
    ...operations.filter((o) => !generated.has(o.name)).map((o) => named("handler", o.name, importPath(outDir, handlerFile(handlersDir, o)), false)),
    ...(generated.size > 0 ? [webhookImport(operations.filter((o) => generated.has(o.name)).map((o) => o.name))] : []),
  ];
  const bindings = operations.map((o) =>
    f.createObjectLiteralExpression(
      [
        f.createPropertyAssignment("operation", f.createPropertyAccessExpression(f.createIdentifier("operations"), o.name)),
        f.createPropertyAssignment("validators", f.createPropertyAccessExpression(f.createIdentifier("validators"), o.name)),
        f.createPropertyAssignment(
          "handler",
          f.createSatisfiesExpression(
            f.createIdentifier(o.name),
            f.createTypeReferenceNode(f.createQualifiedName(f.createIdentifier("handlers"), `${o.name}Handler`)),
          ),
        ),
      ],
      false,
    ),
  );
  const registrations = f.createVariableStatement(
    [f.createModifier(ts.SyntaxKind.ExportKeyword)],
    f.createVariableDeclarationList(
      [f.createVariableDeclaration(
        "registrations",
        undefined,
        f.createTypeOperatorNode(ts.SyntaxKind.ReadonlyKeyword, f.createArrayTypeNode(f.createTypeReferenceNode("OperationBinding"))),
        f.createArrayLiteralExpression(bindings, true),
      )],
      ts.NodeFlags.Const,
    ),
  );
  return printGeneratedFile([...imports, registrations]);
}

function webhookImport(names: readonly string[]): ts.ImportDeclaration {
  return f.createImportDeclaration(
    undefined,
    f.createImportClause(false, undefined, f.createNamedImports(names.map((name) => f.createImportSpecifier(false, undefined, f.createIdentifier(name))))),
    f.createStringLiteral("./webhooks.js"),
  );
}
