import { isObject, isString, objectEntries, type JsonObject, type JsonPath } from "./json.js";
import { perDocument } from "./memo.js";
import { METHODS, parameterDefinitions } from "./operations.js";
import { parseLocalRef, refOf } from "./refs.js";

/** How a schema is reached from its parent, or which kind of root it is. */
export type SchemaRole =
  | "definition"
  | "body"
  | "response"
  | "notification"
  | "property"
  | "items"
  | "additionalProperties"
  | "allOf"
  | "anyOf"
  | "oneOf"
  | "not";

export interface SchemaNode {
  readonly path: JsonPath;
  readonly schema: JsonObject;
  readonly role: SchemaRole;
  /** The property name, for role "property". */
  readonly property: string | undefined;
  readonly parent: SchemaNode | undefined;
  /** The top of this schema tree: a definition, a body, a response or a notification schema. */
  readonly top: SchemaNode;
}

class Node implements SchemaNode {
  readonly top: SchemaNode;
  constructor(
    readonly path: JsonPath,
    readonly schema: JsonObject,
    readonly role: SchemaRole,
    readonly parent: SchemaNode | undefined,
    readonly property: string | undefined,
  ) {
    this.top = parent?.top ?? this;
  }
}

const NESTED_LISTS = ["allOf", "anyOf", "oneOf"] as const;
// Deeper than any real connector; stops runaway YAML aliases.
const MAX_DEPTH = 64;

/** Every schema object written in a Swagger document, each once, in document order; `$ref`s are not followed. */
export const schemaNodes: (root: unknown) => readonly SchemaNode[] = perDocument(collectSchemas, []);

function collectSchemas(root: JsonObject): SchemaNode[] {
  const nodes: SchemaNode[] = [];
  const visit = (schema: JsonObject, path: JsonPath, role: SchemaRole, parent: SchemaNode | undefined, property?: string): void => {
    const node = new Node(path, schema, role, parent, property);
    nodes.push(node);
    if (path.length > MAX_DEPTH) return;
    for (const [name, child] of objectEntries(schema["properties"])) visit(child, [...path, "properties", name], "property", node, name);
    const items = schema["items"];
    if (isObject(items)) visit(items, [...path, "items"], "items", node);
    else if (Array.isArray(items)) items.forEach((item: unknown, i) => isObject(item) && visit(item, [...path, "items", i], "items", node));
    const additional = schema["additionalProperties"];
    if (isObject(additional)) visit(additional, [...path, "additionalProperties"], "additionalProperties", node);
    for (const list of NESTED_LISTS) {
      const members = schema[list];
      if (Array.isArray(members)) members.forEach((member: unknown, i) => isObject(member) && visit(member, [...path, list, i], list, node));
    }
    if (isObject(schema["not"])) visit(schema["not"], [...path, "not"], "not", node);
  };
  for (const [name, schema] of objectEntries(root["definitions"])) visit(schema, ["definitions", name], "definition", undefined);
  for (const { path, parameter } of parameterDefinitions(root)) {
    if (parameter["in"] === "body" && isObject(parameter["schema"])) visit(parameter["schema"], [...path, "schema"], "body", undefined);
  }
  for (const [code, response] of objectEntries(root["responses"])) {
    if (isObject(response["schema"])) visit(response["schema"], ["responses", code, "schema"], "response", undefined);
  }
  for (const [template, item] of objectEntries(root["paths"])) {
    const notification = item["x-ms-notification-content"];
    if (isObject(notification) && isObject(notification["schema"])) {
      visit(notification["schema"], ["paths", template, "x-ms-notification-content", "schema"], "notification", undefined);
    }
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      for (const [code, response] of objectEntries(operation["responses"])) {
        if (isObject(response["schema"])) visit(response["schema"], ["paths", template, method, "responses", code, "schema"], "response", undefined);
      }
    }
  }
  return nodes;
}

/** The definition a `$ref` names, e.g. "Pet" for `#/definitions/Pet`. */
export function definitionName(ref: string | undefined): string | undefined {
  const target = ref === undefined ? undefined : parseLocalRef(ref);
  return target?.length === 2 && target[0] === "definitions" ? target[1] : undefined;
}

export interface DefinitionUsage {
  /** Definitions reachable from a body parameter: values the user sends. */
  readonly input: ReadonlySet<string>;
  /** Definitions reachable from a response: values the user reads. */
  readonly output: ReadonlySet<string>;
}

/** Which definitions end up in inputs and which in outputs, following `$ref`s through definitions. */
export const definitionUsage: (root: unknown) => DefinitionUsage = perDocument(computeUsage, { input: new Set(), output: new Set() });

function computeUsage(root: JsonObject): DefinitionUsage {
  const refsFrom = new Map<string, Set<string>>();
  const direct = { input: new Set<string>(), output: new Set<string>() };
  for (const node of schemaNodes(root)) {
    const target = definitionName(refOf(node.schema));
    if (target === undefined) continue;
    const top = node.top;
    if (top.role === "definition") {
      const from = String(top.path[1]);
      let set = refsFrom.get(from);
      if (!set) refsFrom.set(from, (set = new Set()));
      set.add(target);
    } else if (top.role === "body") direct.input.add(target);
    else direct.output.add(target);
  }
  const close = (start: Set<string>): Set<string> => {
    const seen = new Set<string>();
    const queue = [...start];
    for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
      if (seen.has(name)) continue;
      seen.add(name);
      for (const next of refsFrom.get(name) ?? []) queue.push(next);
    }
    return seen;
  };
  return { input: close(direct.input), output: close(direct.output) };
}

/** Whether a schema node describes something the user sends: inside a body, or a definition a body uses. */
export function isInputSchema(root: unknown, node: SchemaNode): boolean {
  if (node.top.role === "body") return true;
  return node.top.role === "definition" && definitionUsage(root).input.has(String(node.top.path[1]));
}

/** Whether a schema node describes something the user reads back. */
export function isOutputSchema(root: unknown, node: SchemaNode): boolean {
  if (node.top.role === "response" || node.top.role === "notification") return true;
  return node.top.role === "definition" && definitionUsage(root).output.has(String(node.top.path[1]));
}

export function typeOf(schema: JsonObject): string | undefined {
  return isString(schema["type"]) ? schema["type"] : undefined;
}
