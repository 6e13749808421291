import { isObject, isString, objectEntries, type JsonObject, type JsonPath } from "./json.js";
import type { Operation } from "./operations.js";
import { follow } from "./refs.js";

export interface ResponseUse {
  /** The status code or "default". */
  readonly code: string;
  /** Where the operation lists it (the `$ref` when it is one). */
  readonly path: JsonPath;
  /** Where the response object is written. */
  readonly definitionPath: JsonPath;
  readonly response: JsonObject;
}

/** The operation's responses with `#/responses/...` references followed. */
export function responsesOf(root: unknown, operation: Operation): ResponseUse[] {
  const uses: ResponseUse[] = [];
  for (const [code, entry] of objectEntries(operation.operation["responses"])) {
    const at = [...operation.path, "responses", code];
    const target = follow(root, entry, at);
    if (target && isObject(target.value)) uses.push({ code, path: at, definitionPath: target.path, response: target.value });
  }
  return uses;
}

export function isSuccess(code: string): boolean {
  return /^2\d\d$/.test(code);
}

/** The MIME types an operation produces: its own `produces`, else the document's. */
export function producesOf(root: unknown, operation: Operation): string[] {
  const own = operation.operation["produces"];
  const list = Array.isArray(own) ? own : isObject(root) && Array.isArray(root["produces"]) ? root["produces"] : [];
  return list.filter(isString);
}

/** The MIME types an operation consumes: its own `consumes`, else the document's. */
export function consumesOf(root: unknown, operation: Operation): string[] {
  const own = operation.operation["consumes"];
  const list = Array.isArray(own) ? own : isObject(root) && Array.isArray(root["consumes"]) ? root["consumes"] : [];
  return list.filter(isString);
}

/** Whether the operation is hidden from makers (x-ms-visibility: internal). */
export function isInternal(value: JsonObject): boolean {
  return value["x-ms-visibility"] === "internal";
}
