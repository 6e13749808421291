/** One side's files → its contract model. Pure. */
import { isObject } from "../refs.js";
import type { ContractModel, OperationContract, SecurityScheme } from "./contract.js";
import { child, dereference, Located, type DocumentSet } from "./documents.js";
import { listParameters, toInputs } from "./inputs.js";
import { toOutput } from "./outputs.js";
import { text, visibilityOf } from "./schema.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;

export function buildContract(set: DocumentSet): ContractModel {
  const root = Located.at(set.main, [], set.files.get(set.main));
  const info = child(root, "info").value;
  const title = text(info, "title");
  const operations: OperationContract[] = [];
  const basePath = text(root.value, "basePath") || "/";
  const paths = child(root, "paths");
  if (isObject(paths.value)) {
    for (const path of Object.keys(paths.value)) {
      if (!path.startsWith("/")) continue;
      const item = dereference(set, child(paths, path));
      if (!isObject(item.value)) continue;
      for (const method of METHODS) {
        const operation = child(item, method);
        if (!isObject(operation.value)) continue;
        operations.push(toOperation(set, basePath, path, method, item, operation));
      }
    }
  }
  return {
    title,
    connectorName: title.replace(/[^\p{L}\p{N}_]/gu, "") || "Connector",
    host: text(root.value, "host"),
    basePath,
    security: securitySchemes(child(root, "securityDefinitions").value),
    place: { file: set.main, path: [] },
    operations,
  };
}

function toOperation(set: DocumentSet, basePath: string, path: string, method: string, item: Located, operation: Located): OperationContract {
  const op = operation.value as Record<string, unknown>;
  const annotation = op["x-ms-api-annotation"];
  const trigger = op["x-ms-trigger"];
  return {
    operationId: text(op, "operationId").trim() || `${method} ${path}`,
    method,
    path,
    url: joinUrl(basePath, path),
    pathShape: joinUrl(basePath, path).replace(/\{[^}]*\}/g, "{}").toLowerCase(),
    place: operation,
    summary: text(op, "summary"),
    description: text(op, "description"),
    deprecated: op["deprecated"] === true,
    visibility: visibilityOf(op),
    trigger: typeof trigger === "string" ? trigger : "",
    family: text(annotation, "family"),
    inputs: toInputs(set, listParameters(set, item, operation)),
    output: toOutput(set, operation),
  };
}

function joinUrl(basePath: string, path: string): string {
  return `/${basePath.replace(/^\/+|\/+$/g, "")}/${path.replace(/^\/+/, "")}`.replace(/^\/\//, "/");
}

/** What an existing connection depends on in each security definition (its name is only a label). */
function securitySchemes(definitions: unknown): SecurityScheme[] {
  if (!isObject(definitions)) return [];
  const schemes: SecurityScheme[] = [];
  for (const [name, def] of Object.entries(definitions)) {
    if (!isObject(def)) continue;
    const join = (keys: string[]) => keys.map((k) => text(def, k)).filter((v) => v !== "").join(" ");
    schemes.push({ name, kind: join(["type", "flow", "in", "name"]), urls: join(["authorizationUrl", "tokenUrl"]) });
  }
  return schemes.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}
