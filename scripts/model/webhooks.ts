/**
 * The webhook model: which operations are webhook triggers (x-ms-trigger with a body property marked
 * x-ms-notification-url), where their callback URL is, what event they deliver (x-ms-notification-content on the
 * path item), which DELETE unsubscribes each, and which operation tests a connection (x-ms-capabilities). Pure.
 *
 * A trigger's DELETE is found by its path, as real connectors lay them out: `<trigger path>/{id}`
 * (`/hooks/created` → `/hooks/created/{id}`), else beside it, `<parent>/{id}` (`/subscriptions/created` →
 * `/subscriptions/{id}`, one DELETE for several triggers). Its other path variables must be the trigger's own, so
 * that the subscribe request can fill them into the Location it answers with.
 */
import { EMPTY_RANGE, Severity, type Diagnostic } from "../diagnostics.js";
import type { ApiModel, JsonPath, OperationModel, ResponseModel } from "./model.js";
import { dereference, isObject, type JsonObject } from "./refs.js";

export interface WebhookModel {
  /** By name. */
  readonly triggers: readonly TriggerModel[];
  /** The DELETE operations that unsubscribe one or more triggers, by name. */
  readonly unsubscribes: readonly UnsubscribeModel[];
  readonly testConnection?: TestConnectionModel;
  readonly diagnostics: readonly Diagnostic[];
}

export interface SuccessModel {
  /** The status the generated handler answers with. */
  readonly status: number;
  /** The spec allows that status: it declares it, or a `default`, or no responses at all. */
  readonly declared: boolean;
  /** The spec gives that answer a body schema: conduit cannot fill it, the handler stays the user's. */
  readonly hasBody: boolean;
}

export interface TriggerModel {
  /** The subscribe operation's name (OperationModel.name). */
  readonly name: string;
  readonly summary?: string;
  readonly kind: "single" | "batch";
  readonly path: string;
  readonly route: string;
  /** Property names from the body down to the callback URL. */
  readonly callback: readonly string[];
  /** x-ms-notification-content; absent when the path item has none (or no schema). */
  readonly event?: { readonly schema: unknown; readonly description?: string; readonly location: JsonPath };
  readonly success: SuccessModel;
  /** The spec declares a Location header on the success answer (its name as written). */
  readonly locationHeader?: string;
  readonly unsubscribe?: { readonly operation: string; readonly route: string; readonly idParameter: string };
}

export interface UnsubscribeModel {
  readonly name: string;
  readonly path: string;
  /** The triggers whose subscriptions it deletes, by name. */
  readonly triggers: readonly string[];
  /** The path variable that carries the subscription id: its name in the route, and its key in the typed request. */
  readonly idParameter: string;
  readonly idKey: string;
  readonly success: SuccessModel;
}

/** conduit writes the handler itself: the spec's success answer is one it can give (declared, without a body). */
export function isGenerated(success: SuccessModel): boolean {
  return success.declared && !success.hasBody;
}

export interface TestConnectionModel {
  readonly name: string;
  readonly success: SuccessModel;
}

export function buildWebhookModel(document: unknown, api: ApiModel, source?: string): WebhookModel {
  const root: JsonObject = isObject(document) ? document : {};
  const paths = isObject(root["paths"]) ? root["paths"] : {};
  const diagnostics: Diagnostic[] = [];
  const warn = (message: string, path: JsonPath): void => {
    diagnostics.push({ code: "conduit-webhooks", message, path: [...path], severity: Severity.Warning, ...(source === undefined ? {} : { source }), range: EMPTY_RANGE });
  };
  const deletes = api.operations.filter((o) => o.method === "DELETE");
  const triggers: TriggerModel[] = [];
  const unsubscribes = new Map<string, { operation: OperationModel; idParameter: string; triggers: string[] }>();

  for (const operation of api.operations) {
    const raw = rawOperation(paths, operation);
    if (raw === undefined || !("x-ms-trigger" in raw) || operation.method === "GET" || operation.method === "HEAD") continue;
    const callback = operation.body?.schema === undefined ? undefined : findCallback(root, operation.body.schema);
    if (callback === undefined) continue;
    const item = paths[operation.path];
    const content = isObject(item) ? item["x-ms-notification-content"] : undefined;
    const event = isObject(content) && isObject(content["schema"])
      ? { schema: content["schema"], ...(typeof content["description"] === "string" ? { description: content["description"] } : {}), location: ["paths", operation.path, "x-ms-notification-content", "schema"] }
      : undefined;
    if (event === undefined) warn(`${operation.name}: the path has no x-ms-notification-content schema, so notify.${operation.name} accepts any JSON event unchecked`, operation.location);

    const pair = pairUnsubscribe(operation, deletes);
    if (pair === undefined) {
      warn(
        `${operation.name}: no DELETE at ${operation.path}/{id} or beside it to unsubscribe: its subscribe answer carries no Location, and Power Automate cannot remove the subscription (it ends when a delivery answers 404 or 410)`,
        operation.location,
      );
    } else {
      const entry = unsubscribes.get(pair.operation.name) ?? { operation: pair.operation, idParameter: pair.idParameter, triggers: [] };
      entry.triggers.push(operation.name);
      unsubscribes.set(pair.operation.name, entry);
    }
    const success = successOf(operation.responses, [201, 200, 202]);
    if (!success.declared) {
      warn(`${operation.name}: it declares no success answer (201), so conduit cannot type one: declare 201 with a Location header, or write the handler in src/handlers/${operation.name}.ts with subscribe() from generated/webhooks.ts`, operation.location);
    } else if (success.hasBody) {
      warn(`${operation.name}: its ${success.status} answer has a body schema, which conduit cannot fill: write the handler in src/handlers/${operation.name}.ts with subscribe() from generated/webhooks.ts`, operation.location);
    }
    const locationHeader = operation.responses.find((r) => r.status === String(success.status))?.headers.find((h) => h.name.toLowerCase() === "location")?.name;
    triggers.push({
      name: operation.name,
      ...(operation.summary === undefined ? {} : { summary: operation.summary }),
      kind: raw["x-ms-trigger"] === "batch" ? "batch" : "single",
      path: operation.path,
      route: operation.route,
      callback,
      ...(event === undefined ? {} : { event }),
      success,
      ...(locationHeader === undefined ? {} : { locationHeader }),
      ...(pair === undefined ? {} : { unsubscribe: { operation: pair.operation.name, route: pair.operation.route, idParameter: pair.idParameter } }),
    });
  }

  const unsubscribeModels: UnsubscribeModel[] = [...unsubscribes.values()].map(({ operation, idParameter, triggers: names }) => {
    const success = successOf(operation.responses, [200, 204, 202]);
    if (!success.declared) {
      warn(`${operation.name}: it declares no success answer (204), so conduit cannot type one: declare 204, or write the handler in src/handlers/${operation.name}.ts with unsubscribe() from generated/webhooks.ts`, operation.location);
    } else if (success.hasBody) {
      warn(`${operation.name}: its ${success.status} answer has a body schema, which conduit cannot fill: write the handler in src/handlers/${operation.name}.ts with unsubscribe() from generated/webhooks.ts`, operation.location);
    }
    const parameter = operation.parameters.find((p) => p.in === "path" && p.name === idParameter);
    return { name: operation.name, path: operation.path, triggers: names.sort(), idParameter, idKey: parameter?.key ?? idParameter, success };
  });

  return {
    triggers,
    unsubscribes: unsubscribeModels.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    ...testConnectionOf(root, api),
    diagnostics,
  };
}

function rawOperation(paths: JsonObject, operation: OperationModel): JsonObject | undefined {
  const item = paths[operation.path];
  const raw = isObject(item) ? item[operation.method.toLowerCase()] : undefined;
  return isObject(raw) ? raw : undefined;
}

/** The property names down to the first property marked `x-ms-notification-url: true`, through $refs. */
export function findCallback(root: unknown, schema: unknown): string[] | undefined {
  const seen = new Set<unknown>();
  const visit = (node: unknown, path: string[]): string[] | undefined => {
    const { value } = dereference(root, node);
    if (!isObject(value) || seen.has(value) || path.length > 8) return undefined;
    if (value["x-ms-notification-url"] === true || value["x-ms-notification-url"] === "true") return path;
    seen.add(value);
    const properties = value["properties"];
    if (!isObject(properties)) return undefined;
    for (const [name, child] of Object.entries(properties)) {
      const found = visit(child, [...path, name]);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const found = visit(schema, []);
  // The body itself marked as the URL (a string body) has no property to read: not a shape conduit serves.
  return found !== undefined && found.length > 0 ? found : undefined;
}

/** The first of the preferred statuses the spec declares, else its lowest 2xx, else the first preferred. */
function successOf(responses: readonly ResponseModel[], preferred: readonly number[]): SuccessModel {
  const declared = responses.filter((r) => /^2\d\d$/.test(r.status));
  const chosen = preferred.map((status) => declared.find((r) => r.status === String(status))).find((r) => r !== undefined) ?? declared[0];
  if (chosen === undefined) return { status: preferred[0]!, declared: responses.length === 0 || responses.some((r) => r.status === "default"), hasBody: false };
  return { status: Number(chosen.status), declared: true, hasBody: chosen.schema !== undefined };
}

type Segment = { readonly literal: string } | { readonly variable: string };

function segments(path: string): Segment[] {
  return path
    .split("?")[0]!
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      const match = /^\{([^}]+)\}$/.exec(s);
      return match ? { variable: match[1]! } : { literal: s.toLowerCase() };
    });
}

function sameSegment(a: Segment, b: Segment): boolean {
  return "literal" in a ? "literal" in b && a.literal === b.literal : "variable" in b && a.variable === b.variable;
}

/**
 * The DELETE path that unsubscribes a trigger at `triggerPath`, among `deletePaths`: `<triggerPath>/{id}` first,
 * else `<parent>/{id}`, where every other variable of the DELETE is one of the trigger's. Undefined when none fits.
 */
export function unsubscribePath(triggerPath: string, deletePaths: readonly string[]): { path: string; idParameter: string } | undefined {
  const trigger = segments(triggerPath);
  const variables = new Set(trigger.flatMap((s) => ("variable" in s ? [s.variable] : [])));
  for (const base of [trigger, trigger.slice(0, -1)]) {
    if (base.length === 0) continue; // a DELETE at the API root is no subscription's address
    for (const candidate of deletePaths) {
      const parts = segments(candidate);
      const last = parts[parts.length - 1];
      if (parts.length !== base.length + 1 || last === undefined || !("variable" in last) || variables.has(last.variable)) continue;
      if (base.every((segment, index) => sameSegment(segment, parts[index]!))) return { path: candidate, idParameter: last.variable };
    }
  }
  return undefined;
}

function pairUnsubscribe(trigger: OperationModel, deletes: readonly OperationModel[]): { operation: OperationModel; idParameter: string } | undefined {
  const found = unsubscribePath(trigger.path, deletes.map((d) => d.path));
  if (found === undefined) return undefined;
  const operation = deletes.find((d) => d.path === found.path);
  return operation === undefined ? undefined : { operation, idParameter: found.idParameter };
}

function testConnectionOf(root: JsonObject, api: ApiModel): { testConnection?: TestConnectionModel } {
  const capabilities = root["x-ms-capabilities"];
  const test = isObject(capabilities) ? capabilities["testConnection"] : undefined;
  const id = isObject(test) ? test["operationId"] : undefined;
  const operation = typeof id === "string" ? api.operations.find((o) => o.operationId === id && o.method === "GET") : undefined;
  if (operation === undefined) return {};
  return { testConnection: { name: operation.name, success: successOf(operation.responses, [200, 204]) } };
}
