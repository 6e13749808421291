import type { JsonObject, JsonPath } from "./connector/json.js";
import type { RuleOptions } from "./rule.js";

/** In a case's options, stands for the case document's own file name (for rules about the project's spec). */
export const CASE_SOURCE = "<case>";

/** One row of a rule's table-driven test: an inline document and the findings the rule must report on it. */
export interface RuleCase {
  readonly name: string;
  readonly document: unknown;
  /** Empty when the document must pass. Compared as a set of paths; messages when given. */
  readonly findings: readonly ExpectedFinding[];
  readonly options?: RuleOptions;
}

export interface ExpectedFinding {
  readonly path: JsonPath;
  readonly message?: string | RegExp;
}

/**
 * A small Swagger definition that every rule accepts, with `parts` laid over its top level. Rules' cases
 * start from it so that each case shows only what it is about.
 */
export function swagger(parts: JsonObject = {}): JsonObject {
  return {
    swagger: "2.0",
    info: {
      title: "Contoso Widgets",
      description: "Create, find and change the widgets of the Contoso widget service.",
      version: "1.0.0",
      contact: { name: "Contoso", url: "https://contoso.example.com", email: "widgets@contoso.example.com" },
    },
    host: "widgets.contoso.example.com",
    basePath: "/api",
    schemes: ["https"],
    consumes: ["application/json"],
    produces: ["application/json"],
    "x-ms-connector-metadata": [
      { propertyName: "Website", propertyValue: "https://contoso.example.com" },
      { propertyName: "Privacy policy", propertyValue: "https://contoso.example.com/privacy" },
      { propertyName: "Categories", propertyValue: "Productivity" },
    ],
    paths: { "/widgets": { get: listWidgets() } },
    ...parts,
  };
}

/** A GET operation every rule accepts; `parts` are laid over it. */
export function listWidgets(parts: JsonObject = {}): JsonObject {
  return {
    operationId: "ListWidgets",
    summary: "List widgets",
    description: "Lists the widgets you can see.",
    parameters: [],
    responses: { "200": { description: "The widgets.", schema: { type: "array", items: { type: "string" } } } },
    ...parts,
  };
}

/** An apiProperties file every rule accepts, with `parts` laid over `properties`. */
export function apiPropertiesFile(parts: JsonObject = {}): JsonObject {
  return {
    properties: {
      connectionParameters: {},
      iconBrandColor: "#0f6cbd",
      capabilities: [],
      publisher: "Contoso",
      stackOwner: "Contoso",
      ...parts,
    },
  };
}
