/**
 * Swagger 2.0 → OpenAPI 3.0 through swagger2openapi, for openapi-typescript's sake only: the conversion drops
 * collectionFormat, turns `file` into binary strings and formData into request bodies, and keeps x-ms-* keys as
 * it likes. Nothing but the types reads its output; everything else reads the Swagger document.
 */
import s2o from "swagger2openapi";
import type { OperationModel } from "../model/model.js";
import { dereference, isObject } from "../model/refs.js";

export type OpenApi3 = Record<string, unknown>;

/**
 * Converts a copy of the document in which every operation carries its model name as operationId, so that
 * openapi-typescript's `operations` interface has one member per model operation, keyed by that name.
 */
export async function toOpenApi3(document: unknown, operations: readonly OperationModel[]): Promise<OpenApi3> {
  const copy = structuredClone(document) as Record<string, unknown>;
  const paths = isObject(copy["paths"]) ? copy["paths"] : {};
  for (const operation of operations) {
    const item = paths[operation.path];
    const target = isObject(item) ? item[operation.method.toLowerCase()] : undefined;
    if (isObject(target)) target["operationId"] = operation.name;
  }
  const { openapi } = await s2o.convertObj(copy, { patch: true, warnOnly: true, resolve: false });
  return openapi;
}

/** The media types under which the converted document put an operation's body and response schemas. */
export interface ContentKeys {
  /** The requestBody's media type whose schema the body type comes from. */
  readonly body?: string;
  /** By status code. */
  readonly responses: Readonly<Record<string, string>>;
}

export function contentKeys(openapi: OpenApi3, operation: OperationModel): ContentKeys {
  const paths = isObject(openapi["paths"]) ? openapi["paths"] : {};
  const item = paths[operation.path];
  const converted = isObject(item) ? item[operation.method.toLowerCase()] : undefined;
  if (!isObject(converted)) return { responses: {} };
  const body = schemaMediaType(dereference(openapi, converted["requestBody"]).value);
  const responses: Record<string, string> = {};
  const convertedResponses = isObject(converted["responses"]) ? converted["responses"] : {};
  for (const response of operation.responses) {
    const key = schemaMediaType(dereference(openapi, convertedResponses[response.status]).value);
    if (key !== undefined) responses[response.status] = key;
  }
  return body === undefined ? { responses } : { body, responses };
}

function schemaMediaType(container: unknown): string | undefined {
  if (!isObject(container) || !isObject(container["content"])) return undefined;
  const entries = Object.entries(container["content"]);
  const json = entries.find(([type, media]) => isObject(media) && isObject(media["schema"]) && /json/i.test(type));
  const any = entries.find(([, media]) => isObject(media) && isObject(media["schema"]));
  return (json ?? any)?.[0];
}
