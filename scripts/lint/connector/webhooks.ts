import { isObject, type JsonObject, type JsonPath } from "./json.js";
import { unsubscribePath } from "../../model/webhooks.js";
import { bodyOf, operationsOf, type Operation } from "./operations.js";
import { follow, valueAt } from "./refs.js";

/** A body property marked x-ms-notification-url, with whether the chain of objects to it is required and internal. */
export interface UrlProperty {
  readonly path: JsonPath;
  readonly schema: JsonObject;
  readonly required: boolean;
  readonly internal: boolean;
}

/** A webhook trigger subscribes with a callback URL; its path item describes the notifications. */
export function isWebhook(root: unknown, operation: Operation): boolean {
  if (!("x-ms-trigger" in operation.operation) || operation.method === "get") return false;
  const item = valueAt(root, ["paths", operation.template]);
  return (isObject(item) && "x-ms-notification-content" in item) || notificationUrls(root, operation).length > 0;
}

/** Properties marked x-ms-notification-url in the operation's body, with whether the chain to them is required and internal. */
export function notificationUrls(root: unknown, operation: Operation): UrlProperty[] {
  const body = bodyOf(operation);
  if (!body || !isObject(body.parameter["schema"])) return [];
  const found: UrlProperty[] = [];
  const visit = (schema: JsonObject, path: JsonPath, required: boolean, internal: boolean, depth: number): void => {
    const target = follow(root, schema, path);
    if (!target || !isObject(target.value) || depth > 8) return;
    const resolved = target.value;
    const hidden = internal || resolved["x-ms-visibility"] === "internal";
    if (resolved["x-ms-notification-url"] === true) found.push({ path: target.path, schema: resolved, required, internal: hidden });
    const properties = resolved["properties"];
    if (!isObject(properties)) return;
    const list = Array.isArray(resolved["required"]) ? resolved["required"] : [];
    for (const [name, child] of Object.entries(properties)) {
      if (isObject(child)) visit(child, [...target.path, "properties", name], required && list.includes(name), hidden, depth + 1);
    }
  };
  visit(body.parameter["schema"], [...body.definitionPath, "schema"], body.parameter["required"] === true, body.parameter["x-ms-visibility"] === "internal", 0);
  return found;
}

/** The webhook triggers of a document, in document order. */
export function webhookTriggers(root: unknown): Operation[] {
  return operationsOf(root).filter((operation) => isWebhook(root, operation));
}

/**
 * The DELETE that unsubscribes a webhook trigger as conduit pairs them (`<path>/{id}`, else `<parent>/{id}`;
 * scripts/model/webhooks.ts), or undefined.
 */
export function unsubscribeOf(root: unknown, trigger: Operation): Operation | undefined {
  const deletes = operationsOf(root).filter((o) => o.method === "delete");
  const found = unsubscribePath(trigger.template, deletes.map((d) => d.template));
  return found === undefined ? undefined : deletes.find((d) => d.template === found.path);
}
