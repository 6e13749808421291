/**
 * generated/handlers.ts: per operation a typed request, a union of responses by status code and
 * `XHandler = Handler<XRequest, XResponse>`, so that a handler returning the wrong thing fails `tsc`.
 */
import ts from "typescript";
import type { OperationModel, ParameterModel, ResponseHeaderModel, ResponseModel } from "../model/model.js";
import type { ContentKeys } from "./openapi3.js";
import { importPath, keyword, literalType, printGeneratedFile, propertyName, qualifiedType, withDocComment } from "./print.js";

const f = ts.factory;
const K = ts.SyntaxKind;

export interface HandlerTypesInput {
  readonly operations: readonly OperationModel[];
  readonly contentKeys: ReadonlyMap<string, ContentKeys>;
  readonly outDir: string;
  readonly runtimeDir: string;
}

export function renderHandlers(input: HandlerTypesInput): string {
  const statements: ts.Node[] = [
    typeOnlyNamespaceImport("runtime", importPath(input.outDir, `${input.runtimeDir}/handler.ts`)),
    typeOnlyNamespaceImport("contract", importPath(input.outDir, `${input.runtimeDir}/contract.ts`)),
    typeOnlyNamespaceImport("api", "./types.js"),
  ];
  for (const operation of input.operations) {
    const keys = input.contentKeys.get(operation.name) ?? { responses: {} };
    statements.push(
      withDocComment(exportedAlias(`${operation.name}Request`, requestType(operation, keys)), `${operation.method} ${operation.path}: the request as the handler sees it (coerced, defaulted, validated).`),
      withDocComment(exportedAlias(`${operation.name}Response`, responseType(operation, keys)), `What ${operation.name} may answer, by status code.`),
      withDocComment(
        exportedAlias(`${operation.name}Handler`, qualifiedType("runtime", "Handler", [f.createTypeReferenceNode(`${operation.name}Request`), f.createTypeReferenceNode(`${operation.name}Response`)])),
        [operation.summary, operation.description].filter(Boolean).join("\n\n") || undefined,
      ),
    );
  }
  return printGeneratedFile(statements);
}

export function typeOnlyNamespaceImport(name: string, from: string): ts.ImportDeclaration {
  return f.createImportDeclaration(
    undefined,
    f.createImportClause(true, undefined, f.createNamespaceImport(f.createIdentifier(name))),
    f.createStringLiteral(from),
  );
}

function exportedAlias(name: string, type: ts.TypeNode): ts.TypeAliasDeclaration {
  return f.createTypeAliasDeclaration([f.createModifier(K.ExportKeyword)], name, undefined, type);
}

function requestType(operation: OperationModel, keys: ContentKeys): ts.TypeNode {
  const group = (location: ParameterModel["in"]) => parameterObject(operation.parameters.filter((p) => p.in === location));
  return qualifiedType("runtime", "TypedRequest", [group("path"), group("query"), group("header"), bodyType(operation, keys)]);
}

/** `{ key: T; other?: U }`; `Record<string, never>` when there is nothing. */
function parameterObject(parameters: readonly ParameterModel[]): ts.TypeNode {
  if (parameters.length === 0) return f.createTypeReferenceNode("Record", [keyword(K.StringKeyword), keyword(K.NeverKeyword)]);
  return f.createTypeLiteralNode(
    parameters.map((p) =>
      withDocComment(
        f.createPropertySignature(
          [f.createModifier(K.ReadonlyKeyword)],
          propertyName(p.key),
          // A default makes the value present: the runtime applies it before the handler runs.
          p.required || p.default !== undefined ? undefined : f.createToken(K.QuestionToken),
          parameterValueType(p),
        ),
        p.description,
      ),
    ),
  );
}

function parameterValueType(p: ParameterModel): ts.TypeNode {
  if (p.type === "file") return f.createTypeReferenceNode("File");
  if (p.type === "array") return f.createArrayTypeNode(parenthesize(scalarType(p.itemType ?? "string", p.itemEnum)));
  return scalarType(p.type, p.enum);
}

function scalarType(type: string, values: readonly unknown[] | undefined): ts.TypeNode {
  if (values && values.length > 0) {
    const literals = values.filter((v) => typeof v === (type === "integer" ? "number" : type));
    if (literals.length > 0) return f.createUnionTypeNode(dedupe(literals).map(literalType));
  }
  switch (type) {
    case "integer":
    case "number":
      return keyword(K.NumberKeyword);
    case "boolean":
      return keyword(K.BooleanKeyword);
    default:
      return keyword(K.StringKeyword);
  }
}

function dedupe(values: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function parenthesize(type: ts.TypeNode): ts.TypeNode {
  return ts.isUnionTypeNode(type) ? f.createParenthesizedType(type) : type;
}

function bodyType(operation: OperationModel, keys: ContentKeys): ts.TypeNode {
  const body = operation.body;
  if (!body) return keyword(K.UndefinedKeyword);
  let type: ts.TypeNode;
  switch (body.encoding) {
    case "form":
      type = parameterObject(operation.parameters.filter((p) => p.in === "formData"));
      break;
    case "binary":
      type = f.createTypeReferenceNode("Uint8Array");
      break;
    case "text":
      type = keyword(K.StringKeyword);
      break;
    case "json":
      type = body.schema !== undefined && keys.body !== undefined
        ? qualifiedType("api", "Writable", [
            indexed(f.createTypeReferenceNode("NonNullable", [indexed(operationType(operation), "requestBody")]), "content", keys.body),
          ])
        : keyword(K.UnknownKeyword);
      break;
  }
  return body.required ? type : f.createUnionTypeNode([type, keyword(K.UndefinedKeyword)]);
}

function operationType(operation: OperationModel): ts.TypeNode {
  return indexed(qualifiedType("api", "operations"), operation.name);
}

function indexed(type: ts.TypeNode, ...keys: string[]): ts.TypeNode {
  return keys.reduce<ts.TypeNode>(
    (acc, key) => f.createIndexedAccessTypeNode(acc, f.createLiteralTypeNode(f.createStringLiteral(key))),
    type,
  );
}

function responseType(operation: OperationModel, keys: ContentKeys): ts.TypeNode {
  if (operation.responses.length === 0) {
    return f.createTypeLiteralNode([
      member("status", keyword(K.NumberKeyword)),
      member("body", keyword(K.UnknownKeyword), true),
    ]);
  }
  return f.createUnionTypeNode(operation.responses.map((response) => responseMember(operation, response, keys.responses[response.status])));
}

function responseMember(operation: OperationModel, response: ResponseModel, mediaType: string | undefined): ts.TypeNode {
  const status = /^[1-5]\d\d$/.test(response.status)
    ? f.createLiteralTypeNode(f.createNumericLiteral(Number(response.status)))
    : keyword(K.NumberKeyword);
  const members: ts.TypeElement[] = [withDocComment(member("status", status), response.description)];
  if (response.schema !== undefined && response.binary) {
    members.push(member("body", qualifiedType("contract", "BinaryBody")));
  } else if (response.schema !== undefined) {
    const body = mediaType === undefined
      ? keyword(K.UnknownKeyword)
      : qualifiedType("api", "Readable", [indexed(operationType(operation), "responses", response.status, "content", mediaType)]);
    members.push(member("body", body));
  } else if (/^[45]/.test(response.status) || response.status === "default") {
    members.push(member("body", qualifiedType("runtime", "ProblemDetails"), true));
  } else {
    members.push(member("body", keyword(K.UndefinedKeyword), true));
  }
  if (response.headers.length > 0) members.push(member("headers", headersType(response.headers), true));
  return f.createTypeLiteralNode(members);
}

function headersType(headers: readonly ResponseHeaderModel[]): ts.TypeNode {
  return f.createTypeLiteralNode(
    headers.map((h) =>
      withDocComment(
        member(h.name, h.type === "array" ? f.createArrayTypeNode(parenthesize(scalarType(h.itemType ?? "string", undefined))) : scalarType(h.type, h.enum), true),
        h.description,
      ),
    ),
  );
}

function member(name: string, type: ts.TypeNode, optional = false): ts.PropertySignature {
  return f.createPropertySignature(undefined, propertyName(name), optional ? f.createToken(K.QuestionToken) : undefined, type);
}
