/**
 * The fields Swagger 2.0 defines for each kind of object (https://swagger.io/specification/v2/), so that a key
 * the schema does not expect can be named with the field it was probably meant to be.
 */
import type { Place } from "./places.js";

const ITEMS = ["type", "format", "items", "collectionFormat", "default", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "enum", "multipleOf"];
const NON_BODY = ["name", "in", "description", "required", "allowEmptyValue", ...ITEMS];

export const SWAGGER_FIELDS: Partial<Record<Place, readonly string[]>> = {
  root: ["swagger", "info", "host", "basePath", "schemes", "consumes", "produces", "paths", "definitions", "parameters", "responses", "securityDefinitions", "security", "tags", "externalDocs"],
  info: ["title", "description", "termsOfService", "contact", "license", "version"],
  pathItem: ["$ref", "get", "put", "post", "delete", "options", "head", "patch", "parameters"],
  operation: ["tags", "summary", "description", "externalDocs", "operationId", "consumes", "produces", "parameters", "responses", "schemes", "deprecated", "security"],
  bodyParameter: ["name", "in", "description", "required", "schema"],
  queryParameter: NON_BODY,
  pathParameter: NON_BODY,
  headerParameter: NON_BODY,
  formDataParameter: NON_BODY,
  items: ITEMS,
  response: ["description", "schema", "headers", "examples"],
  header: ["description", ...ITEMS],
  schema: [
    "$ref", "format", "title", "description", "default", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern",
    "maxItems", "minItems", "uniqueItems", "maxProperties", "minProperties", "required", "enum", "type", "items", "allOf", "properties", "additionalProperties",
    "discriminator", "readOnly", "xml", "externalDocs", "example",
  ],
  securityScheme: ["type", "description", "name", "in", "flow", "authorizationUrl", "tokenUrl", "scopes"],
  tag: ["name", "description", "externalDocs"],
};
