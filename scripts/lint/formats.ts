import { isObject } from "./connector/json.js";

/** A Spectral format: a predicate over the parsed document, with a name for messages. */
export type DocumentFormat = ((document: unknown, source: string | null) => boolean) & { displayName: string };

/** Power Platform's apiProperties file: `{ properties: { connectionParameters, policyTemplateInstances, ... } }`. */
export const apiProperties: DocumentFormat = Object.assign(
  (document: unknown): boolean =>
    isObject(document) && isObject(document["properties"]) && !("swagger" in document) && !("openapi" in document) && !("paths" in document),
  { displayName: "Power Platform apiProperties" },
);
