/** generated/operations.ts: the route table, one OperationSpec (src/runtime/contract.ts) per operation. */
import ts from "typescript";
import type { OperationModel } from "../model/model.js";
import { toOperationSpec } from "./operation-spec.js";
import { importPath, jsonExpression, printGeneratedFile, propertyName } from "./print.js";

const f = ts.factory;

export function renderOperations(operations: readonly OperationModel[], outDir: string, runtimeDir: string): string {
  const K = ts.SyntaxKind;
  const idType = operations.length === 0
    ? f.createKeywordTypeNode(K.NeverKeyword)
    : f.createUnionTypeNode(operations.map((o) => f.createLiteralTypeNode(f.createStringLiteral(o.name))));
  const table = f.createObjectLiteralExpression(
    operations.map((o) => f.createPropertyAssignment(propertyName(o.name), jsonExpression(toOperationSpec(o)))),
    true,
  );
  return printGeneratedFile([
    f.createImportDeclaration(
      undefined,
      f.createImportClause(true, undefined, f.createNamedImports([f.createImportSpecifier(false, undefined, f.createIdentifier("OperationSpec"))])),
      f.createStringLiteral(importPath(outDir, `${runtimeDir}/contract.ts`)),
    ),
    ts.addSyntheticLeadingComment(
      f.createTypeAliasDeclaration([f.createModifier(K.ExportKeyword)], "OperationId", undefined, idType),
      K.MultiLineCommentTrivia,
      "* The operations' names: their operationIds, made valid identifiers where needed. ",
      true,
    ),
    f.createVariableStatement(
      [f.createModifier(K.ExportKeyword)],
      f.createVariableDeclarationList(
        [f.createVariableDeclaration(
          "operations",
          undefined,
          f.createTypeReferenceNode("Readonly", [f.createTypeReferenceNode("Record", [f.createTypeReferenceNode("OperationId"), f.createTypeReferenceNode("OperationSpec")])]),
          table,
        )],
        ts.NodeFlags.Const,
      ),
    ),
  ]);
}
