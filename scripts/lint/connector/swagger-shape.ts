import { isObject, isString, objectEntries, type JsonObject, type JsonPath } from "./json.js";
import { perDocument } from "./memo.js";
import { METHODS, parameterDefinitions } from "./operations.js";

/** The fields Swagger 2.0 defines at the top of a document; anything else must be an `x-` extension. */
export const ROOT_FIELDS = [
  "swagger", "info", "host", "basePath", "schemes", "consumes", "produces", "paths", "definitions", "parameters", "responses",
  "securityDefinitions", "security", "tags", "externalDocs",
];

// Microsoft's schema pattern for host.
const HOST = /^[^{}/ :\\]+(?::\d+)?$/;

/** A change to the document that Spectral's schema check sees, because a Power Platform rule reports the shape. */
export interface ShapeEdit {
  readonly path: JsonPath;
  /** Remove the key, or put this value in its place. */
  readonly replace?: unknown;
}

/**
 * Shapes Power Platform accepts and a Power Platform rule reports at its own severity, which Spectral's generic
 * Swagger 2.0 schema check (oas2-schema) would otherwise report as errors, several times over through oneOf:
 * top-level keys Swagger does not define (pp-root-keys), a host that is not a bare host name (pp-host-name,
 * pp-host), an operation without responses (pp-operation-responses), `example` on a non-body parameter
 * (pp-parameter-example).
 */
export const acceptedShapes: (root: unknown) => readonly ShapeEdit[] = perDocument((root: JsonObject): ShapeEdit[] => {
  const edits: ShapeEdit[] = [];
  for (const key of Object.keys(root)) if (!ROOT_FIELDS.includes(key) && !key.startsWith("x-")) edits.push({ path: [key] });
  if (isString(root["host"]) && !HOST.test(root["host"])) edits.push({ path: ["host"] });
  for (const [template, item] of objectEntries(root["paths"])) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation) || !isObject(operation["responses"])) continue;
      if (Object.keys(operation["responses"]).every((code) => code.startsWith("x-"))) {
        edits.push({ path: ["paths", template, method, "responses"], replace: { default: { description: "" } } });
      }
    }
  }
  for (const { path, parameter } of parameterDefinitions(root)) if (parameter["in"] !== "body" && "example" in parameter) edits.push({ path: [...path, "example"] });
  return edits;
}, []);

/** The document with the edits made, copying only the objects and arrays on their paths. */
export function withEdits(root: unknown, edits: readonly ShapeEdit[]): unknown {
  if (edits.length === 0) return root;
  const copies = new Map<unknown, JsonObject | unknown[]>();
  const copyOf = (value: JsonObject | unknown[]): JsonObject | unknown[] => {
    let copy = copies.get(value);
    if (copy === undefined) {
      copy = Array.isArray(value) ? [...value] : { ...value };
      copies.set(value, copy);
      copies.set(copy, copy);
    }
    return copy;
  };
  const top = copyOf(root as JsonObject);
  for (const edit of edits) {
    let node: JsonObject | unknown[] = top;
    for (const segment of edit.path.slice(0, -1)) {
      const child = (node as Record<string | number, unknown>)[segment];
      if (typeof child !== "object" || child === null) break;
      const copy = copyOf(child as JsonObject);
      (node as Record<string | number, unknown>)[segment] = copy;
      node = copy;
    }
    const last = edit.path[edit.path.length - 1]!;
    if ("replace" in edit) (node as Record<string | number, unknown>)[last] = edit.replace;
    else if (!Array.isArray(node)) delete node[last];
  }
  return top;
}
