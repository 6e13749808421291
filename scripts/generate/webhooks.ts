/**
 * generated/webhooks.ts and generated/events/<Trigger>.cts, from the webhook model: the triggers' descriptions, the typed
 * `notify` (one function per trigger, its event type from x-ms-notification-content), the subscribe and
 * unsubscribe handlers wired to the subscription store (src/webhooks), and the events' validators, compiled to
 * standalone code as the operations' are.
 */
import path from "node:path";
import ts from "typescript";
import type { OperationModel } from "../model/model.js";
import type { JsonObject } from "../model/refs.js";
import { isGenerated, type TriggerModel, type UnsubscribeModel, type WebhookModel } from "../model/webhooks.js";
import { typeOnlyNamespaceImport } from "./handlers.js";
import { GENERATED_HEADER, importPath, jsonExpression, printGeneratedFile, propertyName, qualifiedType, withDocComment } from "./print.js";
import { createSchemaContext, definitionSchemas, toAjvSchema } from "./validator-schemas.js";
import { standaloneModule } from "./validators.js";

const f = ts.factory;
const K = ts.SyntaxKind;

/** Where a trigger's event validator is, relative to the output folder: one module per trigger, as per operation. */
export function eventModulePath(trigger: Pick<TriggerModel, "name">): string {
  return `events/${trigger.name}.cts`;
}

/**
 * The document the types are printed from, with each trigger's event schema added as a definition: openapi-typescript
 * types definitions and operations only, and x-ms-notification-content is neither. Returns the definition names.
 */
export function withEventDefinitions(document: unknown, webhooks: WebhookModel): { document: unknown; names: ReadonlyMap<string, string> } {
  const names = new Map<string, string>();
  const withEvents = webhooks.triggers.filter((t) => t.event !== undefined);
  if (withEvents.length === 0) return { document, names };
  const copy = structuredClone(document) as JsonObject;
  const definitions: JsonObject = { ...((copy["definitions"] as JsonObject | undefined) ?? {}) };
  for (const trigger of withEvents) {
    let name = `${trigger.name}.notification`;
    for (let n = 2; name in definitions; n++) name = `${trigger.name}.notification${n}`;
    definitions[name] = trigger.event!.schema;
    names.set(trigger.name, name);
  }
  copy["definitions"] = definitions;
  return { document: copy, names };
}

/**
 * generated/events/<Trigger>.cts: each trigger's event validator in a module of its own (a trigger without an event
 * schema accepts any JSON), so that adding or changing one trigger leaves the other triggers' modules as they were.
 */
export function renderEventValidators(root: JsonObject, webhooks: WebhookModel, outDir: string, runtimeDir: string): { modules: ReadonlyMap<string, string>; problems: readonly string[] } {
  const context = createSchemaContext(root);
  // The formats the runtime checks requests and responses with (src/runtime/formats.cts), found from generated/events/.
  const formatsModule = importPath(path.join(outDir, "events"), `${runtimeDir}/formats.cjs`);
  const definitions = new Map<string, JsonObject>(definitionSchemas(context, "response").map((schema) => [String(schema["id"]), schema]));
  const modules = new Map<string, string>();
  for (const trigger of webhooks.triggers) {
    const name = `${trigger.name}$event`;
    const own = new Map([[name, trigger.event === undefined ? {} : toAjvSchema(trigger.event.schema, context, "response")]]);
    modules.set(eventModulePath(trigger), standaloneModule(own, definitions, { [trigger.name]: name }, formatsModule));
  }
  return { modules, problems: [...new Set(context.problems)].sort() };
}

export interface WebhooksInput {
  readonly webhooks: WebhookModel;
  readonly operations: readonly OperationModel[];
  /** Trigger name → the definition its event type is printed under (withEventDefinitions). */
  readonly eventDefinitions: ReadonlyMap<string, string>;
  readonly outDir: string;
  readonly runtimeDir: string;
}

/** The operations whose handlers generated/webhooks.ts writes (registrations bind them from there). */
export function generatedHandlerNames(webhooks: WebhookModel): Set<string> {
  return new Set([
    ...webhooks.triggers.filter((t) => isGenerated(t.success)).map((t) => t.name),
    ...webhooks.unsubscribes.filter((u) => isGenerated(u.success)).map((u) => u.name),
  ]);
}

export function renderWebhooks(input: WebhooksInput): string {
  const { webhooks } = input;
  const webhooksDir = path.join(path.dirname(input.runtimeDir), "webhooks");
  const runtimeModule = importPath(input.outDir, `${webhooksDir}/runtime.ts`);
  const generated = generatedHandlerNames(webhooks);
  const triggers = webhooks.triggers;
  const values = ["createNotifier", ...(triggers.length > 0 ? ["lazyEvent"] : []), ...(triggers.some((t) => generated.has(t.name)) ? ["subscribe"] : []), ...(webhooks.unsubscribes.some((u) => generated.has(u.name)) ? ["unsubscribe"] : [])];
  const statements: ts.Statement[] = [
    ...(input.eventDefinitions.size > 0 ? [typeOnlyNamespaceImport("api", "./types.js")] : []),
    ...(triggers.length > 0 ? [typeOnlyNamespaceImport("handlers", "./handlers.js")] : []),
    f.createImportDeclaration(
      undefined,
      f.createImportClause(false, undefined, f.createNamedImports([
        ...values.map((name) => f.createImportSpecifier(false, undefined, f.createIdentifier(name))),
        f.createImportSpecifier(true, undefined, f.createIdentifier("Notifier")),
        f.createImportSpecifier(true, undefined, f.createIdentifier("TriggerSpec")),
      ])),
      f.createStringLiteral(runtimeModule),
    ),
  ];
  for (const trigger of triggers) statements.push(eventType(trigger, input.eventDefinitions.get(trigger.name)));
  statements.push(triggerTable(triggers));
  statements.push(
    withDocComment(interfaceOf("Events", triggers.map((t) => [t.name, f.createTypeReferenceNode(`${t.name}Event`)])), "The event each trigger delivers, by trigger."),
    withDocComment(
      interfaceOf("SubscribeRequests", triggers.map((t) => [t.name, qualifiedType("handlers", `${t.name}Request`)])),
      "What each trigger's subscriptions were made with: `where` in notify's options reads it.",
    ),
    withDocComment(
      exportedConst("notify", f.createTypeReferenceNode("Notifier", [f.createTypeReferenceNode("Events"), f.createTypeReferenceNode("SubscribeRequests")]),
        f.createCallExpression(f.createIdentifier("createNotifier"), undefined, [f.createIdentifier("triggers")])),
      "`notify.<Trigger>(event, { where? })`: checks the event against the trigger's schema, stores it in the outbox for every\n" +
        "matching subscription, and delivers it (POST, retried with backoff until the callback takes it). See docs/webhooks.md.",
    ),
  );
  for (const trigger of triggers) if (generated.has(trigger.name)) statements.push(subscribeHandler(trigger));
  for (const unsubscribe of webhooks.unsubscribes) if (generated.has(unsubscribe.name)) statements.push(unsubscribeHandler(unsubscribe, input.operations));
  return printGeneratedFile(statements);
}

function eventType(trigger: TriggerModel, definition: string | undefined): ts.Statement {
  const type = definition === undefined
    ? f.createKeywordTypeNode(K.UnknownKeyword)
    : qualifiedType("api", "Readable", [
        f.createIndexedAccessTypeNode(
          f.createIndexedAccessTypeNode(qualifiedType("api", "components"), f.createLiteralTypeNode(f.createStringLiteral("schemas"))),
          f.createLiteralTypeNode(f.createStringLiteral(definition)),
        ),
      ]);
  const alias = f.createTypeAliasDeclaration([f.createModifier(K.ExportKeyword)], `${trigger.name}Event`, undefined, type);
  const what = trigger.event?.description ?? (definition === undefined ? "Any JSON: the spec gives no x-ms-notification-content schema." : undefined);
  return withDocComment(alias, [`What ${trigger.name}${trigger.summary ? ` (${trigger.summary})` : ""} delivers.`, what].filter(Boolean).join("\n"));
}

function triggerTable(triggers: readonly TriggerModel[]): ts.Statement {
  const entries = triggers.map((trigger) =>
    f.createPropertyAssignment(
      propertyName(trigger.name),
      f.createObjectLiteralExpression(
        [
          f.createPropertyAssignment("name", f.createStringLiteral(trigger.name)),
          f.createPropertyAssignment("kind", f.createStringLiteral(trigger.kind)),
          f.createPropertyAssignment("route", f.createStringLiteral(trigger.route)),
          f.createPropertyAssignment("callback", jsonExpression(trigger.callback)),
          ...(trigger.unsubscribe === undefined
            ? []
            : [f.createPropertyAssignment("unsubscribe", jsonExpression({ route: trigger.unsubscribe.route, idParameter: trigger.unsubscribe.idParameter }))]),
          f.createPropertyAssignment(
            "event",
            f.createCallExpression(f.createIdentifier("lazyEvent"), undefined, [
              f.createArrowFunction(undefined, undefined, [], undefined, f.createToken(K.EqualsGreaterThanToken),
                f.createCallExpression(f.createToken(K.ImportKeyword) as unknown as ts.Expression, undefined, [f.createStringLiteral(`./${eventModulePath(trigger).replace(/\.cts$/, ".cjs")}`)])),
              f.createStringLiteral(trigger.name),
            ]),
          ),
        ],
        true,
      ),
    ),
  );
  const table = f.createSatisfiesExpression(
    f.createObjectLiteralExpression(entries, true),
    f.createTypeReferenceNode("Readonly", [f.createTypeReferenceNode("Record", [f.createKeywordTypeNode(K.StringKeyword), f.createTypeReferenceNode("TriggerSpec")])]),
  );
  return withDocComment(exportedConst("triggers", undefined, table), "The spec's webhook triggers: where each one's callback URL is, and the DELETE that unsubscribes it.");
}

function interfaceOf(name: string, members: readonly [string, ts.TypeNode][]): ts.InterfaceDeclaration {
  return f.createInterfaceDeclaration(
    [f.createModifier(K.ExportKeyword)],
    name,
    undefined,
    undefined,
    members.map(([key, type]) => f.createPropertySignature([f.createModifier(K.ReadonlyKeyword)], propertyName(key), undefined, type)),
  );
}

function exportedConst(name: string, type: ts.TypeNode | undefined, value: ts.Expression): ts.VariableStatement {
  return f.createVariableStatement(
    [f.createModifier(K.ExportKeyword)],
    f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, type, value)], ts.NodeFlags.Const),
  );
}

/** `export const X: handlers.XHandler = async (request, context) => { …; const answer = {…}; return answer; };` */
function handler(name: string, statements: readonly ts.Statement[], doc: string): ts.Statement {
  const arrow = f.createArrowFunction(
    [f.createModifier(K.AsyncKeyword)],
    undefined,
    [f.createParameterDeclaration(undefined, undefined, "request"), f.createParameterDeclaration(undefined, undefined, "context")],
    undefined,
    f.createToken(K.EqualsGreaterThanToken),
    f.createBlock([...statements], true),
  );
  return withDocComment(exportedConst(name, qualifiedType("handlers", `${name}Handler`), arrow), doc);
}

/**
 * The answer is built in a variable, not returned as a literal: the Location header goes out even when the spec
 * forgot to declare it (Power Automate needs it), and TypeScript checks excess properties of literals only.
 */
function answer(status: number, headers: ts.Expression | undefined): ts.Statement[] {
  const properties = [
    f.createPropertyAssignment("status", f.createAsExpression(f.createNumericLiteral(status), f.createTypeReferenceNode("const"))),
    ...(headers === undefined ? [] : [f.createPropertyAssignment("headers", headers)]),
  ];
  return [
    f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration("answer", undefined, undefined, f.createObjectLiteralExpression(properties, false))], ts.NodeFlags.Const)),
    f.createReturnStatement(f.createIdentifier("answer")),
  ];
}

function subscribeHandler(trigger: TriggerModel): ts.Statement {
  const call = f.createAwaitExpression(
    f.createCallExpression(f.createIdentifier("subscribe"), undefined, [
      f.createPropertyAccessExpression(f.createIdentifier("triggers"), trigger.name),
      f.createIdentifier("request"),
      f.createIdentifier("context"),
    ]),
  );
  const statements: ts.Statement[] = trigger.unsubscribe === undefined
    ? [f.createExpressionStatement(call), ...answer(trigger.success.status, undefined)]
    : [
        f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration("subscribed", undefined, undefined, call)], ts.NodeFlags.Const)),
        ...answer(
          trigger.success.status,
          f.createObjectLiteralExpression([f.createPropertyAssignment(propertyName(trigger.locationHeader ?? "Location"), f.createPropertyAccessExpression(f.createIdentifier("subscribed"), "location"))], false),
        ),
      ];
  return handler(
    trigger.name,
    statements,
    `${trigger.summary ?? trigger.name}: subscribes the caller's callback URL (body.${trigger.callback.join(".")})` +
      (trigger.unsubscribe === undefined ? "." : ` and answers with the address that unsubscribes it (${trigger.unsubscribe.operation}).`),
  );
}

function unsubscribeHandler(unsubscribe: UnsubscribeModel, operations: readonly OperationModel[]): ts.Statement {
  const parameter = operations.find((o) => o.name === unsubscribe.name)?.parameters.find((p) => p.in === "path" && p.name === unsubscribe.idParameter);
  const path = f.createPropertyAccessExpression(f.createIdentifier("request"), "path");
  const id = /^[A-Za-z_$][\w$]*$/.test(unsubscribe.idKey)
    ? f.createPropertyAccessExpression(path, unsubscribe.idKey)
    : f.createElementAccessExpression(path, f.createStringLiteral(unsubscribe.idKey));
  const idText = parameter?.type === "string" || parameter === undefined ? id : f.createCallExpression(f.createIdentifier("String"), undefined, [id]);
  const call = f.createCallExpression(f.createIdentifier("unsubscribe"), undefined, [
    jsonExpression(unsubscribe.triggers),
    idText,
    f.createIdentifier("context"),
  ]);
  return handler(
    unsubscribe.name,
    [f.createExpressionStatement(f.createAwaitExpression(call)), ...answer(unsubscribe.success.status, undefined)],
    `Deletes the caller's subscription to ${unsubscribe.triggers.join(", ")} (404 when they have none with this id).`,
  );
}
