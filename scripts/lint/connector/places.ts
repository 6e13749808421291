import { isObject, objectEntries, type JsonObject, type JsonPath } from "./json.js";
import { perDocument } from "./memo.js";
import { METHODS } from "./operations.js";

/** The kinds of object in a Swagger document where extensions may stand. */
export type Place =
  | "root"
  | "info"
  | "pathItem"
  | "operation"
  | "bodyParameter"
  | "queryParameter"
  | "pathParameter"
  | "headerParameter"
  | "formDataParameter"
  | "items"
  | "response"
  | "header"
  | "schema"
  | "securityScheme"
  | "tag"
  | "other";

/** How a message names the kind of object. */
export const PLACE_NAMES: Record<Place, string> = {
  root: "the top level",
  info: "info",
  pathItem: "a path item",
  operation: "an operation",
  bodyParameter: "a body parameter",
  queryParameter: "a query parameter",
  pathParameter: "a path parameter",
  headerParameter: "a header parameter",
  formDataParameter: "a formData parameter",
  items: "the items of a parameter",
  response: "a response",
  header: "a response header",
  schema: "a schema",
  securityScheme: "a security scheme",
  tag: "a tag",
  other: "this object",
};

export interface PlacedObject {
  readonly path: JsonPath;
  readonly object: JsonObject;
  readonly place: Place;
}

/**
 * Every object of the document that is part of Swagger's own structure, with its kind. Extension values (the
 * contents of an x-… key) are not entered: their insides are the extension's business.
 */
export const placedObjects: (root: unknown) => readonly PlacedObject[] = perDocument(collect, []);

function collect(root: JsonObject): PlacedObject[] {
  const found: PlacedObject[] = [];
  const add = (object: JsonObject, path: JsonPath, place: Place): void => void found.push({ path, object, place });

  const schema = (object: JsonObject, path: JsonPath): void => {
    add(object, path, "schema");
    if (path.length > 64) return;
    for (const [name, child] of objectEntries(object["properties"])) schema(child, [...path, "properties", name]);
    if (isObject(object["items"])) schema(object["items"], [...path, "items"]);
    if (isObject(object["additionalProperties"])) schema(object["additionalProperties"], [...path, "additionalProperties"]);
    if (isObject(object["not"])) schema(object["not"], [...path, "not"]);
    for (const list of ["allOf", "anyOf", "oneOf"]) {
      const members = object[list];
      if (Array.isArray(members)) members.forEach((m: unknown, i) => isObject(m) && schema(m, [...path, list, i]));
    }
  };
  const items = (object: JsonObject, path: JsonPath): void => {
    for (let it = object["items"], at = [...path, "items"]; isObject(it); it = it["items"], at = [...at, "items"]) add(it, at, "items");
  };
  const parameter = (object: JsonObject, path: JsonPath): void => {
    if ("$ref" in object) return;
    const location = object["in"];
    const place: Place =
      location === "body" ? "bodyParameter" : location === "query" ? "queryParameter" : location === "path" ? "pathParameter" : location === "header" ? "headerParameter" : location === "formData" ? "formDataParameter" : "other";
    add(object, path, place);
    if (location === "body" && isObject(object["schema"])) schema(object["schema"], [...path, "schema"]);
    else items(object, path);
  };
  const parameters = (list: unknown, path: JsonPath): void => {
    if (Array.isArray(list)) list.forEach((p: unknown, i) => isObject(p) && parameter(p, [...path, i]));
  };
  const response = (object: JsonObject, path: JsonPath): void => {
    if ("$ref" in object) return;
    add(object, path, "response");
    if (isObject(object["schema"])) schema(object["schema"], [...path, "schema"]);
    for (const [name, header] of objectEntries(object["headers"])) {
      add(header, [...path, "headers", name], "header");
      items(header, [...path, "headers", name]);
    }
  };

  add(root, [], "root");
  if (isObject(root["info"])) add(root["info"], ["info"], "info");
  for (const [name, object] of objectEntries(root["definitions"])) schema(object, ["definitions", name]);
  for (const [name, object] of objectEntries(root["parameters"])) parameter(object, ["parameters", name]);
  for (const [name, object] of objectEntries(root["responses"])) response(object, ["responses", name]);
  for (const [name, object] of objectEntries(root["securityDefinitions"])) add(object, ["securityDefinitions", name], "securityScheme");
  if (Array.isArray(root["tags"])) root["tags"].forEach((tag: unknown, i) => isObject(tag) && add(tag, ["tags", i], "tag"));
  for (const [template, item] of objectEntries(root["paths"])) {
    if (template.startsWith("x-")) continue;
    add(item, ["paths", template], "pathItem");
    parameters(item["parameters"], ["paths", template, "parameters"]);
    const notification = item["x-ms-notification-content"];
    if (isObject(notification) && isObject(notification["schema"])) schema(notification["schema"], ["paths", template, "x-ms-notification-content", "schema"]);
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      add(operation, ["paths", template, method], "operation");
      parameters(operation["parameters"], ["paths", template, method, "parameters"]);
      for (const [code, object] of objectEntries(operation["responses"])) response(object, ["paths", template, method, "responses", code]);
    }
  }
  return found;
}
