/**
 * Handler stubs: src/handlers/<Name>.ts for operations that have no handler yet, answering 501 until written.
 * Never part of generated/: they are the user's files from the moment they exist.
 */
import ts from "typescript";
import type { OperationModel, ParameterModel } from "../model/model.js";
import { importPath, printStatements } from "./print.js";

const f = ts.factory;

export function renderStub(operation: OperationModel, handlersDir: string, outDir: string, runtimeDir: string): string {
  const typeName = `${operation.name}Handler`;
  const handlerImport = f.createImportDeclaration(
    undefined,
    f.createImportClause(true, undefined, f.createNamedImports([f.createImportSpecifier(false, undefined, f.createIdentifier(typeName))])),
    f.createStringLiteral(importPath(handlersDir, `${outDir}/handlers.ts`)),
  );
  const errorsImport = f.createImportDeclaration(
    undefined,
    f.createImportClause(false, undefined, f.createNamedImports([f.createImportSpecifier(false, undefined, f.createIdentifier("notImplemented"))])),
    f.createStringLiteral(importPath(handlersDir, `${runtimeDir}/errors.ts`)),
  );
  const returnStatement = f.createReturnStatement(f.createCallExpression(f.createIdentifier("notImplemented"), undefined, [f.createStringLiteral(operation.name)]));
  for (const line of guide(operation)) ts.addSyntheticLeadingComment(returnStatement, ts.SyntaxKind.SingleLineCommentTrivia, ` ${line}`, true);
  const body = f.createBlock([returnStatement], true);
  const handler = f.createVariableStatement(
    [f.createModifier(ts.SyntaxKind.ExportKeyword)],
    f.createVariableDeclarationList(
      [f.createVariableDeclaration(
        "handler",
        undefined,
        f.createTypeReferenceNode(typeName),
        f.createArrowFunction(
          [f.createModifier(ts.SyntaxKind.AsyncKeyword)],
          undefined,
          [f.createParameterDeclaration(undefined, undefined, "request"), f.createParameterDeclaration(undefined, undefined, "context")],
          undefined,
          f.createToken(ts.SyntaxKind.EqualsGreaterThanToken),
          body,
        ),
      )],
      ts.NodeFlags.Const,
    ),
  );
  const title = [operation.summary ?? operation.name, `${operation.method} ${operation.path}`].join(": ").replace(/[\r\n]+/g, " ");
  ts.addSyntheticLeadingComment(handlerImport, ts.SyntaxKind.SingleLineCommentTrivia, ` ${title}`, true);
  return printStatements([handlerImport, errorsImport, handler]);
}

/** What the stub's comment tells the user: where each input is, what to return, how to log. */
function guide(operation: OperationModel): string[] {
  const lines = ["Replace this with the implementation; the types come from the spec (generated/handlers.ts)."];
  const describe = (label: string, params: readonly ParameterModel[]) => {
    if (params.length > 0) lines.push(`${label}: ${params.map((p) => p.key + (p.required || p.default !== undefined ? "" : "?")).join(", ")}`);
  };
  describe("request.path", operation.parameters.filter((p) => p.in === "path"));
  describe("request.query", operation.parameters.filter((p) => p.in === "query"));
  describe("request.headers", operation.parameters.filter((p) => p.in === "header"));
  if (operation.body?.encoding === "form") describe("request.body (form fields)", operation.parameters.filter((p) => p.in === "formData"));
  else if (operation.body) lines.push(`request.body: the ${operation.body.encoding} body${operation.body.required ? "" : " (may be undefined)"}`);
  const statuses = operation.responses.map((r) => r.status).join(", ");
  if (statuses) lines.push(`Return { status, body } with status ${statuses}.`);
  lines.push("context.invocation.log(...) logs; context.request is the raw HttpRequest.");
  return lines.map((line) => line.replace(/[\r\n]+/g, " "));
}
