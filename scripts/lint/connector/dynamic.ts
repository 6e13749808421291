import { isObject, isString, type JsonObject, type JsonPath } from "./json.js";
import { perDocument } from "./memo.js";
import { operationsOf, type Operation } from "./operations.js";
import { placedObjects } from "./places.js";

/** An extension that makes the platform call another operation of the connector. */
export interface OperationReference {
  readonly extension: string;
  /** Path of the object that names the operation (the extension value, or a part of it). */
  readonly path: JsonPath;
  readonly value: JsonObject;
  /** The operationId it names, if it names one. */
  readonly operationId: string | undefined;
  /** The operation in which the extension stands, when it stands under paths. */
  readonly within: Operation | undefined;
}

export const DYNAMIC_EXTENSIONS = ["x-ms-dynamic-values", "x-ms-dynamic-list", "x-ms-dynamic-schema", "x-ms-dynamic-properties"] as const;

export const operationReferences: (root: unknown) => readonly OperationReference[] = perDocument(collect, []);

function collect(root: JsonObject): OperationReference[] {
  const found: OperationReference[] = [];
  const operations = operationsOf(root);
  const within = (path: JsonPath): Operation | undefined =>
    path[0] === "paths" ? operations.find((o) => o.template === path[1] && o.method === path[2]) : undefined;
  const add = (extension: string, value: unknown, path: JsonPath): void => {
    if (!isObject(value)) return;
    found.push({ extension, path, value, operationId: isString(value["operationId"]) ? value["operationId"] : undefined, within: within(path) });
  };
  for (const { path, object, place } of placedObjects(root)) {
    for (const extension of DYNAMIC_EXTENSIONS) if (extension in object) add(extension, object[extension], [...path, extension]);
    const tree = object["x-ms-dynamic-tree"];
    if (isObject(tree)) for (const part of ["open", "browse"]) add("x-ms-dynamic-tree", tree[part], [...path, "x-ms-dynamic-tree", part]);
    if (place === "operation") {
      add("x-ms-notification", object["x-ms-notification"], [...path, "x-ms-notification"]);
      const context = object["x-ms-operation-context"];
      if (isObject(context)) add("x-ms-operation-context", context["simulate"], [...path, "x-ms-operation-context", "simulate"]);
    }
    if (place === "root") {
      const capabilities = object["x-ms-capabilities"];
      if (isObject(capabilities)) add("x-ms-capabilities", capabilities["testConnection"], [...path, "x-ms-capabilities", "testConnection"]);
    }
  }
  return found;
}
