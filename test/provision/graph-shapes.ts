/**
 * Graph's entity and complex types as Microsoft publishes them (@microsoft/microsoft-graph-types, generated from
 * Graph's CSDL), read at run time with the TypeScript compiler API, to check JSON request bodies: every property
 * must exist on the type (or a base type), carry a value of its type, and not be one the description calls
 * read-only. The compile-time check is the product's own `import type` of the same package.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import ts from "typescript";

interface InterfaceShape {
  readonly bases: readonly string[];
  readonly properties: ReadonlyMap<string, { readonly type: ts.TypeNode; readonly readOnly: boolean }>;
}

let shapes: { interfaces: Map<string, InterfaceShape>; aliases: Map<string, ts.TypeNode> } | undefined;

function load(): NonNullable<typeof shapes> {
  if (shapes) return shapes;
  const require = createRequire(import.meta.url);
  const file = require.resolve("@microsoft/microsoft-graph-types/microsoft-graph.d.ts");
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const interfaces = new Map<string, InterfaceShape>();
  const aliases = new Map<string, ts.TypeNode>();
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) {
      const bases = (statement.heritageClauses ?? []).flatMap((clause) => clause.types.map((t) => t.expression.getText(source)));
      const properties = new Map<string, { type: ts.TypeNode; readOnly: boolean }>();
      for (const member of statement.members) {
        if (!ts.isPropertySignature(member) || member.type === undefined) continue;
        properties.set(member.name.getText(source), { type: member.type, readOnly: isDocumentedReadOnly(member, text) });
      }
      interfaces.set(statement.name.text, { bases, properties });
    } else if (ts.isTypeAliasDeclaration(statement)) {
      aliases.set(statement.name.text, statement.type);
    }
  }
  shapes = { interfaces, aliases };
  return shapes;
}

/** "Read-only." in the property's comment (Graph's CSDL descriptions say so for values the service sets). */
function isDocumentedReadOnly(member: ts.Node, text: string): boolean {
  const comments = ts.getLeadingCommentRanges(text, member.pos) ?? [];
  return comments.some((range) => /\bRead-only\b/i.test(text.slice(range.pos, range.end)));
}

export function hasGraphType(name: string): boolean {
  return load().interfaces.has(name);
}

/**
 * Problems with `value` as a request body of Graph type `typeName`, as "path: problem" lines; empty when it
 * fits. `allowReadOnly` lists read-only properties the call legitimately sends (none of conduit's calls do).
 */
export function graphBodyProblems(typeName: string, value: unknown, allowReadOnly: readonly string[] = []): string[] {
  const problems: string[] = [];
  checkInterface(typeName, value, "$", problems, new Set(allowReadOnly));
  return problems;
}

function propertyOf(typeName: string, name: string): { type: ts.TypeNode; readOnly: boolean } | undefined {
  const shape = load().interfaces.get(typeName);
  if (shape === undefined) return undefined;
  return shape.properties.get(name) ?? shape.bases.map((base) => propertyOf(base, name)).find((p) => p !== undefined);
}

function checkInterface(typeName: string, value: unknown, at: string, problems: string[], allowReadOnly: ReadonlySet<string>): void {
  if (!load().interfaces.has(typeName)) throw new Error(`no Graph type ${typeName} in @microsoft/microsoft-graph-types`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.push(`${at}: expected a ${typeName} object, got ${JSON.stringify(value)}`);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.startsWith("@odata.")) continue;
    const property = propertyOf(typeName, key);
    if (property === undefined) {
      problems.push(`${at}.${key}: ${typeName} has no property "${key}"`);
      continue;
    }
    if (property.readOnly && !allowReadOnly.has(key)) problems.push(`${at}.${key}: read-only in ${typeName}, a request must not set it`);
    checkType(property.type, item, `${at}.${key}`, problems, allowReadOnly);
  }
}

function checkType(type: ts.TypeNode, value: unknown, at: string, problems: string[], allowReadOnly: ReadonlySet<string>): void {
  switch (type.kind) {
    case ts.SyntaxKind.StringKeyword:
      if (typeof value !== "string") problems.push(`${at}: expected a string, got ${JSON.stringify(value)}`);
      return;
    case ts.SyntaxKind.NumberKeyword:
      if (typeof value !== "number") problems.push(`${at}: expected a number, got ${JSON.stringify(value)}`);
      return;
    case ts.SyntaxKind.BooleanKeyword:
      if (typeof value !== "boolean") problems.push(`${at}: expected a boolean, got ${JSON.stringify(value)}`);
      return;
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return;
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.LiteralType: {
      const literal = ts.isLiteralTypeNode(type) ? type.literal : undefined;
      if (literal === undefined || literal.kind === ts.SyntaxKind.NullKeyword) {
        if (value !== null) problems.push(`${at}: expected null, got ${JSON.stringify(value)}`);
      } else if (ts.isStringLiteral(literal) && value !== literal.text) {
        problems.push(`${at}: expected "${literal.text}", got ${JSON.stringify(value)}`);
      }
      return;
    }
  }
  if (ts.isParenthesizedTypeNode(type)) return checkType(type.type, value, at, problems, allowReadOnly);
  if (ts.isArrayTypeNode(type)) {
    if (!Array.isArray(value)) {
      problems.push(`${at}: expected an array, got ${JSON.stringify(value)}`);
      return;
    }
    value.forEach((item, i) => checkType(type.elementType, item, `${at}[${i}]`, problems, allowReadOnly));
    return;
  }
  if (ts.isUnionTypeNode(type)) {
    const attempts = type.types.map((member) => {
      const found: string[] = [];
      checkType(member, value, at, found, allowReadOnly);
      return found;
    });
    if (attempts.some((found) => found.length === 0)) return;
    // Report the closest member's problems (the fewest), not every member's.
    problems.push(...(attempts.sort((a, b) => a.length - b.length)[0] ?? [`${at}: matches no member of the union`]));
    return;
  }
  if (ts.isTypeReferenceNode(type)) {
    const name = type.typeName.getText();
    if (name === "NullableOption") {
      if (value === null) return;
      const inner = type.typeArguments?.[0];
      if (inner !== undefined) checkType(inner, value, at, problems, allowReadOnly);
      return;
    }
    const alias = load().aliases.get(name);
    if (alias !== undefined) return checkType(alias, value, at, problems, allowReadOnly);
    if (load().interfaces.has(name)) return checkInterface(name, value, at, problems, allowReadOnly);
    problems.push(`${at}: unknown Graph type ${name}`);
    return;
  }
  problems.push(`${at}: cannot check a value of type ${type.getText()}`);
}
