/** Swagger 2.0 document → operation model. Pure: no IO; problems come back as diagnostics with JSON paths. */
import { EMPTY_RANGE, Severity, type Diagnostic } from "../diagnostics.js";
import type { HttpMethod } from "../../src/runtime/contract.js";
import { assignNames, compare, pathWords } from "./identifiers.js";
import type { ApiModel, BodyEncoding, BodyModel, JsonPath, OperationModel, ParameterModel } from "./model.js";
import { mergeParameters, toParameterModel, type ParameterProblem, type RawParameter } from "./parameters.js";
import { dereference, isObject, type JsonObject } from "./refs.js";
import { isBinarySchema, toResponseModels } from "./responses.js";
import { findAmbiguousRoutes, routeProblems, toRoute } from "./routes.js";
import { APP_ROLES, toAppRoles, toSecurity } from "./security.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;

/** A note about the spec; warnings unless said otherwise. */
interface ModelProblem extends ParameterProblem {
  readonly severity?: Severity;
}

interface Draft extends Omit<OperationModel, "name"> {
  readonly explicitId: boolean;
}

export function buildApiModel(document: unknown, source?: string): ApiModel {
  const root: JsonObject = isObject(document) ? document : {};
  const problems: ModelProblem[] = [];
  const drafts: Draft[] = [];
  const paths = isObject(root["paths"]) ? root["paths"] : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith("/") || !isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      drafts.push(toDraft(root, path, item, method, operation, problems));
    }
  }
  for (const draft of drafts) {
    for (const message of routeProblems(draft.route)) problems.push({ message: `${draft.method} ${draft.path}: ${message}`, location: draft.location });
  }
  const names = assignNames(drafts.map((d) => ({ raw: d.operationId, tieBreak: `${d.path} ${d.method}` })));
  const operations: OperationModel[] = drafts.map(({ explicitId, ...draft }, index) => {
    const name = names[index]!;
    if (!explicitId) {
      problems.push({
        message: `operation ${draft.method} ${draft.path} has no operationId; conduit names it ${name} (set operationId to choose the name)`,
        location: draft.location,
      });
    } else if (name !== draft.operationId) {
      problems.push({
        message: `operationId ${draft.operationId} is not a usable TypeScript identifier or is taken; its handler and types are named ${name}`,
        location: [...draft.location, "operationId"],
        severity: Severity.Information,
      });
    }
    return { ...draft, name };
  });
  operations.sort((a, b) => compare(a.name, b.name));
  const diagnostics: Diagnostic[] = [
    ...problems.map((p) => diagnostic(p, source)),
    ...findAmbiguousRoutes(operations, source),
  ];
  const basePath = typeof root["basePath"] === "string" ? root["basePath"] : "/";
  return { basePath, operations, diagnostics };
}

function diagnostic(problem: ModelProblem, source: string | undefined): Diagnostic {
  return {
    code: "conduit-generate",
    message: problem.message,
    path: [...problem.location],
    severity: problem.severity ?? Severity.Warning,
    ...(source === undefined ? {} : { source }),
    range: EMPTY_RANGE,
  };
}

function toDraft(
  root: JsonObject,
  path: string,
  item: JsonObject,
  method: (typeof METHODS)[number],
  operation: JsonObject,
  problems: ParameterProblem[],
): Draft {
  const location: JsonPath = ["paths", path, method];
  const upper = method.toUpperCase() as HttpMethod;
  const rawId = typeof operation["operationId"] === "string" ? operation["operationId"].trim() : "";
  const explicitId = rawId !== "";
  const operationId = explicitId ? rawId : `${method}${pathWords(path)}`;
  const consumes = mediaTypes(operation["consumes"] ?? root["consumes"]);
  const produces = mediaTypes(operation["produces"] ?? root["produces"]);
  const raw = mergeParameters(root, item["parameters"], operation["parameters"], ["paths", path], location, problems);
  const parameters: ParameterModel[] = [];
  const seenKeys = new Set<string>();
  let bodyParam: RawParameter | undefined;
  for (const p of raw) {
    if (p.value["in"] === "body") {
      if (bodyParam) problems.push({ message: "a second body parameter is left out", location: p.location });
      else bodyParam = p;
      continue;
    }
    const model = toParameterModel(p, problems);
    const key = `${model.in}:${model.key}`;
    if (seenKeys.has(key)) {
      problems.push({ message: `parameter ${model.name} (${model.in}) is declared twice; the second is left out`, location: p.location });
      continue;
    }
    seenKeys.add(key);
    parameters.push(model);
  }
  addUndeclaredPathParameters(path, location, parameters, problems);
  const formFields = parameters.filter((p) => p.in === "formData");
  let body: BodyModel | undefined;
  if (bodyParam) {
    if (formFields.length > 0) problems.push({ message: "an operation cannot have both body and formData parameters", location });
    const schema = bodyParam.value["schema"];
    body = {
      name: String(bodyParam.value["name"]),
      required: bodyParam.value["required"] === true,
      encoding: bodyEncoding(root, schema, consumes),
      ...(isObject(schema) ? { schema } : {}),
      location: bodyParam.location,
    };
  } else if (formFields.length > 0) {
    body = { name: "formData", required: formFields.some((f) => f.required), encoding: "form", location: formFields[0]!.location };
  }
  return {
    operationId,
    explicitId,
    method: upper,
    path,
    route: toRoute(path),
    location,
    ...(typeof operation["summary"] === "string" ? { summary: operation["summary"] } : {}),
    ...(typeof operation["description"] === "string" ? { description: operation["description"] } : {}),
    parameters,
    ...(body ? { body } : {}),
    responses: toResponseModels(root, operation["responses"], location, problems),
    security: toSecurity(root["securityDefinitions"], operation["security"] ?? root["security"], location, problems),
    appRoles: toAppRoles(operation[APP_ROLES] ?? root[APP_ROLES], [...location, APP_ROLES], problems),
    consumes,
    produces,
  };
}

function mediaTypes(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** JSON unless the schema is bytes, or the operation only consumes text or octet streams. */
export function bodyEncoding(root: unknown, schema: unknown, consumes: readonly string[]): BodyEncoding {
  if (isBinarySchema(root, schema)) return "binary";
  const types = consumes.map((c) => c.split(";")[0]!.trim().toLowerCase());
  if (types.length === 0 || types.some((t) => t === "application/json" || t.endsWith("+json") || t === "*/*")) return "json";
  const { value } = dereference(root, schema);
  const isString = isObject(value) && value["type"] === "string";
  if (isString && types.some((t) => t.startsWith("text/"))) return "text";
  if (isString && types.some((t) => t === "application/octet-stream")) return "binary";
  return "json";
}

/** A `{name}` in the path with no parameter still reaches the handler, as a string. */
function addUndeclaredPathParameters(path: string, location: JsonPath, parameters: ParameterModel[], problems: ParameterProblem[]): void {
  const declared = new Set(parameters.filter((p) => p.in === "path").map((p) => p.name));
  for (const match of path.split("?")[0]!.matchAll(/\{([^}]+)\}/g)) {
    const name = match[1]!;
    if (declared.has(name)) continue;
    declared.add(name);
    problems.push({ message: `path parameter ${name} is not declared; it is passed to the handler as a string`, location });
    parameters.push({ name, in: "path", key: name, type: "string", required: true, schema: { type: "string" }, location });
  }
}
