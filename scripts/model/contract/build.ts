/** One side's files → its contract model. Pure. */
import { isObject } from "../refs.js";
import type { ContractModel, OperationContract, SecurityScheme } from "./contract.js";
import { child, dereference, Located, type DocumentSet } from "./documents.js";
import { listParameters, toInputs } from "./inputs.js";
import { toOutput } from "./outputs.js";
import { resolveSchema, text, visibilityOf } from "./schema.js";

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
    set,
    title,
    description: text(info, "description"),
    connectorName: title.replace(/[^\p{L}\p{N}_]/gu, "") || "Connector",
    host: text(root.value, "host"),
    basePath,
    security: securitySchemes(child(root, "securityDefinitions").value),
    place: { file: set.main, path: [] },
    operations,
    testConnection: text(child(child(root, "x-ms-capabilities"), "testConnection").value, "operationId"),
    unsupportedExtensions: unsupportedExtensions(root.value, info),
  };
}

// What Power Fx's connector library accepts at the root and in `info` (OpenApiParser.ValidateSupportedOpenApiDocument).
const ROOT_EXTENSIONS = new Set(["x-ms-connector-metadata", "x-ms-capabilities", "x-ms-docs"]);
const INFO_EXTENSIONS = new Set(["x-ms-deployment-version", "x-ms-api-annotation", "x-ibm-name", "x-logo", "x-ms-connector-name", "x-ms-keywords"]);

function unsupportedExtensions(root: unknown, info: unknown): string[] {
  const out: string[] = [];
  if (isObject(info)) for (const key of Object.keys(info)) if (key.startsWith("x-") && !INFO_EXTENSIONS.has(key)) out.push(`info.${key}`);
  if (isObject(root)) {
    for (const [key, value] of Object.entries(root)) {
      // The library skips empty root extensions (`x-foo: []`, `x-foo: {}`).
      const empty = (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
      if (key.startsWith("x-") && !ROOT_EXTENSIONS.has(key) && !empty) out.push(key);
    }
  }
  return out;
}

function toOperation(set: DocumentSet, basePath: string, path: string, method: string, item: Located, operation: Located): OperationContract {
  const op = operation.value as Record<string, unknown>;
  const annotation = op["x-ms-api-annotation"];
  const trigger = op["x-ms-trigger"];
  const parameters = listParameters(set, item, operation);
  const bodyParameter = parameters.find((p) => p.value["in"] === "body");
  const pageable = op["x-ms-pageable"];
  return {
    operationId: text(op, "operationId").trim() || `${method} ${path}`,
    hasOperationId: text(op, "operationId").trim() !== "",
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
    webhook: isObject(item.value) && item.value["x-ms-notification-content"] !== undefined,
    safe: op["x-ms-safe-operation"] === true,
    nextLink: isObject(pageable) ? text(pageable, "nextLinkName") : "",
    family: text(annotation, "family"),
    inputs: toInputs(set, parameters),
    body: bodyParameter ? { parameter: bodyParameter.at, schema: resolveSchema(set, child(bodyParameter.at, "schema")) } : undefined,
    output: toOutput(set, operation, typeof trigger === "string" && trigger !== "" ? item : undefined),
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
