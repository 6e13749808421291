import { Severity, UserError, type Diagnostic } from "../diagnostics.js";
import { getAt, isJsonObject, type JsonObject, type JsonPath, type JsonValue } from "../bundle/ordered.js";
import type { ConnectorJson } from "./read-json.js";

/**
 * Refuses what import cannot turn into a working spec, each problem at its place: not Swagger 2.0, references to
 * other files or URLs, and references to nothing. References to #/parameters and #/responses are fine.
 */
export function checkDefinition(json: ConnectorJson): JsonObject {
  const problems: Diagnostic[] = [];
  const report = (path: JsonPath, message: string): void => {
    problems.push({ code: "import-definition", message, path, severity: Severity.Error, source: json.source, range: json.rangeOf(path) });
  };
  const root = json.value;
  if (!isJsonObject(root)) {
    report([], "expected an object (an apiDefinition.swagger.json) at the top level");
    throw failure(json, problems);
  }
  const version = root.get("swagger");
  if (version !== "2.0") {
    const openapi = root.get("openapi");
    report(
      [version === undefined ? (openapi === undefined ? "" : "openapi") : "swagger"].filter(Boolean),
      typeof openapi === "string"
        ? `this is OpenAPI ${openapi}; Power Platform connectors are OpenAPI 2.0 ("swagger": "2.0"): export the connector's definition again from Power Platform, or convert it first`
        : `not an OpenAPI 2.0 definition: expected "swagger": "2.0"`,
    );
    throw failure(json, problems);
  }
  if (root.get("paths") === undefined) report([], "no `paths`: a connector definition lists its operations under `paths`");
  walkRefs(root, [], (ref, path) => {
    if (!ref.startsWith("#")) {
      report([...path, "$ref"], `"${ref}" refers to another file or URL; an exported connector is one self-contained file: inline it (Power Platform resolves no such reference)`);
      return;
    }
    if (ref !== "#" && !ref.startsWith("#/")) {
      report([...path, "$ref"], `"${ref}" is not a JSON pointer; write "#/definitions/Name"`);
      return;
    }
    const segments = ref === "#" ? [] : ref.slice(2).split("/").map((s) => decodeURIComponent(s).replace(/~1/g, "/").replace(/~0/g, "~"));
    if (getAt(root, segments) === undefined) {
      const section = segments[0] ?? "";
      report([...path, "$ref"], `"${ref}" points to nothing: this file has no ${section ? `${section}/` : ""}${segments.slice(1).join("/")}`);
    }
  });
  if (problems.length > 0) throw failure(json, problems);
  return root;
}

/** The parts of apiProperties.json import needs: an object with `properties`. */
export function checkProperties(json: ConnectorJson): JsonObject {
  const root = json.value;
  if (!isJsonObject(root) || !isJsonObject(root.get("properties") ?? null)) {
    const diagnostic: Diagnostic = {
      code: "import-properties",
      message: 'expected { "properties": { ... } } at the top level, as apiProperties.json has it',
      path: [],
      severity: Severity.Error,
      source: json.source,
      range: json.rangeOf(["properties"]),
    };
    throw new UserError(`${json.source} is not an apiProperties.json`, { diagnostics: [diagnostic], exitCode: 2 });
  }
  return root;
}

/** Calls `visit` for every `$ref` string, skipping example data where "$ref" is just a key. */
function walkRefs(value: JsonValue, path: JsonPath, visit: (ref: string, path: JsonPath) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walkRefs(item, [...path, i], visit));
    return;
  }
  if (!isJsonObject(value)) return;
  const ref = value.get("$ref");
  if (typeof ref === "string") visit(ref, path);
  const parent = path[path.length - 1];
  const container = parent === "properties" || parent === "definitions" || parent === "parameters" || parent === "responses";
  for (const [key, item] of value) {
    if (!container && (key === "example" || key === "examples" || key === "x-example" || key === "default" || key === "enum" || key === "x-ms-test-value")) continue;
    walkRefs(item, [...path, key], visit);
  }
}

function failure(json: ConnectorJson, problems: Diagnostic[]): UserError {
  return new UserError(`${json.source} cannot be imported (${problems.length} problem${problems.length === 1 ? "" : "s"})`, { diagnostics: problems, exitCode: 2 });
}
