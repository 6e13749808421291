/**
 * Handler stubs: src/handlers/<Name>.ts for operations that have no handler yet, answering 501 until written.
 * Never part of generated/: they are the user's files from the moment they exist.
 */
import ts from "typescript";
import type { OperationModel, ParameterModel } from "../model/model.js";
import { importPath, printStatements } from "./print.js";

const f = ts.factory;

/**
 * What a stub starts as. `test-connection`: the operation x-ms-capabilities names, answering at once (by the
 * time it runs the host checked the function key and the runtime the token: a 2xx says the connection works).
 * `subscribe` / `unsubscribe`: a webhook handler conduit could not write (its answer has a body); the guide shows
 * the generated helpers.
 */
export type StubKind = { readonly kind: "plain" | "subscribe" | "unsubscribe" } | { readonly kind: "test-connection"; readonly status: number };

export function renderStub(operation: OperationModel, handlersDir: string, outDir: string, runtimeDir: string, kind: StubKind = { kind: "plain" }): string {
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
  const answers = kind.kind === "test-connection";
  const returnStatement = answers
    ? f.createReturnStatement(f.createObjectLiteralExpression([f.createPropertyAssignment("status", f.createNumericLiteral(kind.status))], false))
    : f.createReturnStatement(f.createCallExpression(f.createIdentifier("notImplemented"), undefined, [f.createStringLiteral(operation.name)]));
  for (const line of [...lead(operation, kind), ...(answers ? [] : guide(operation))]) ts.addSyntheticLeadingComment(returnStatement, ts.SyntaxKind.SingleLineCommentTrivia, ` ${line}`, true);
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
  return printStatements(answers ? [handlerImport, handler] : [handlerImport, errorsImport, handler]);
}

/** What kind of handler this is, when it is not a plain action. */
function lead(operation: OperationModel, kind: StubKind): string[] {
  switch (kind.kind) {
    case "test-connection":
      return [
        "Power Platform calls this when a connection is made (x-ms-capabilities testConnection). The function key and",
        "the caller's token were checked before it runs, so answering 2xx says the connection works; check more here",
        "if a connection needs more (a licence, a backend it must reach).",
      ];
    case "subscribe":
      return [
        "A webhook trigger whose success answer has a body, which conduit cannot fill: subscribe the caller, then answer.",
        `const { subscription, location } = await subscribe(triggers.${operation.name}, request, context);`,
        "(subscribe and triggers from generated/webhooks.ts and src/webhooks/runtime.ts; see docs/webhooks.md)",
      ];
    case "unsubscribe":
      return [
        "Unsubscribes a webhook trigger; its success answer has a body, which conduit cannot fill.",
        `await unsubscribe([/* the triggers it serves */], request.path.<id>, context); // src/webhooks/runtime.ts`,
      ];
    case "plain":
      return [];
  }
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
