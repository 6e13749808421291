/**
 * generated/types.ts: openapi-typescript's rendering of the converted document (`paths`, `components`,
 * `operations`, and with readWriteMarkers its `Readable`/`Writable` helpers: request bodies are `Writable<T>`,
 * readOnly properties dropped; responses `Readable<T>`).
 */
import openapiTS from "openapi-typescript";
import ts from "typescript";
import { printGeneratedFile } from "./print.js";
import type { OpenApi3 } from "./openapi3.js";

export async function renderTypes(openapi: OpenApi3): Promise<string> {
  const nodes = await openapiTS(openapi as unknown as Parameters<typeof openapiTS>[0], {
    emptyObjectsUnknown: true,
    readWriteMarkers: true,
    silent: true,
  });
  return printGeneratedFile(withoutAny(nodes));
}

/**
 * openapi-typescript's helpers write `$Read<any>`; open contracts must never be `any`, and `unknown` means the
 * same there (`$Read<X>` extends `$Read<unknown>`).
 */
function withoutAny(nodes: readonly ts.Node[]): ts.Node[] {
  const replaceAny: ts.TransformerFactory<ts.Node> = (context) => {
    const visit = (node: ts.Node): ts.Node =>
      node.kind === ts.SyntaxKind.AnyKeyword
        ? ts.factory.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)
        : ts.visitEachChild(node, visit, context);
    return (node) => ts.visitNode(node, visit) as ts.Node;
  };
  const result = ts.transform([...nodes], [replaceAny]);
  const transformed = [...result.transformed];
  result.dispose();
  return transformed;
}
