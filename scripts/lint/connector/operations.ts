import { isObject, isString, objectEntries, type JsonObject, type JsonPath } from "./json.js";
import { perDocument } from "./memo.js";
import { follow } from "./refs.js";

export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;
export type Method = (typeof METHODS)[number];

/** A parameter as an operation receives it: where it is written, and the object it stands for. */
export interface ParameterUse {
  /** Where the operation or path item lists it (the `$ref` itself when it is a reference). */
  readonly path: JsonPath;
  /** Where the parameter object is written (the target of the `$ref`, or `path`). */
  readonly definitionPath: JsonPath;
  readonly parameter: JsonObject;
  readonly name: string | undefined;
  readonly in: string | undefined;
  readonly level: "path" | "operation";
}

export interface Operation {
  /** ["paths", template, method] */
  readonly path: JsonPath;
  readonly template: string;
  readonly method: Method;
  readonly operation: JsonObject;
  readonly operationId: string | undefined;
  /** The effective parameters: path-item ones unless the operation redefines the same name and location. */
  readonly parameters: readonly ParameterUse[];
  /** Every parameter listed, duplicates included, in the order written (path item first). */
  readonly listed: readonly ParameterUse[];
}

/** Every operation of a Swagger document, in document order. */
export const operationsOf: (root: unknown) => readonly Operation[] = perDocument(collectOperations, []);

function collectOperations(root: JsonObject): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of objectEntries(root["paths"])) {
    const itemParameters = parameterUses(root, item["parameters"], ["paths", template, "parameters"], "path");
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const own = parameterUses(root, operation["parameters"], ["paths", template, method, "parameters"], "operation");
      const overridden = new Set(own.map(key));
      operations.push({
        path: ["paths", template, method],
        template,
        method,
        operation,
        operationId: isString(operation["operationId"]) ? operation["operationId"] : undefined,
        parameters: [...itemParameters.filter((p) => !overridden.has(key(p))), ...own],
        listed: [...itemParameters, ...own],
      });
    }
  }
  return operations;
}

function key(use: ParameterUse): string {
  return `${use.in ?? ""}\u0000${use.name ?? ""}`;
}

function parameterUses(root: JsonObject, list: unknown, path: JsonPath, level: ParameterUse["level"]): ParameterUse[] {
  if (!Array.isArray(list)) return [];
  const uses: ParameterUse[] = [];
  list.forEach((entry: unknown, index) => {
    const at = [...path, index];
    const target = follow(root, entry, at);
    if (!target || !isObject(target.value)) return;
    const parameter = target.value;
    uses.push({
      path: at,
      definitionPath: target.path,
      parameter,
      name: isString(parameter["name"]) ? parameter["name"] : undefined,
      in: isString(parameter["in"]) ? parameter["in"] : undefined,
      level,
    });
  });
  return uses;
}

/** Each parameter object once, wherever it is written: `#/parameters`, path items and operations. */
export const parameterDefinitions: (root: unknown) => readonly ParameterDefinition[] = perDocument(collectParameterDefinitions, []);

export interface ParameterDefinition {
  readonly path: JsonPath;
  readonly parameter: JsonObject;
}

function collectParameterDefinitions(root: JsonObject): ParameterDefinition[] {
  const found: { path: JsonPath; parameter: JsonObject }[] = [];
  for (const [name, parameter] of objectEntries(root["parameters"])) found.push({ path: ["parameters", name], parameter });
  for (const [template, item] of objectEntries(root["paths"])) {
    const lists: [JsonPath, unknown][] = [[["paths", template, "parameters"], item["parameters"]]];
    for (const method of METHODS) if (isObject(item[method])) lists.push([["paths", template, method, "parameters"], (item[method] as JsonObject)["parameters"]]);
    for (const [path, list] of lists) {
      if (!Array.isArray(list)) continue;
      list.forEach((parameter: unknown, index) => {
        if (isObject(parameter) && !("$ref" in parameter)) found.push({ path: [...path, index], parameter });
      });
    }
  }
  return found;
}

/** The operations that carry each operationId. */
export const operationsById: (root: unknown) => ReadonlyMap<string, readonly Operation[]> = perDocument(indexById, new Map());

function indexById(root: JsonObject): Map<string, Operation[]> {
  const byId = new Map<string, Operation[]>();
  for (const operation of operationsOf(root)) {
    if (operation.operationId === undefined) continue;
    const list = byId.get(operation.operationId);
    if (list) list.push(operation);
    else byId.set(operation.operationId, [operation]);
  }
  return byId;
}

/** The body parameter's schema, the way Power Fx flattens it: undefined without a body. */
export function bodyOf(operation: Operation): ParameterUse | undefined {
  return operation.parameters.find((p) => p.in === "body");
}
