import type { HttpRequest } from "@azure/functions";
import type { BodySpec, ParameterSpec } from "./contract.js";
import { coerceParameter } from "./coerce.js";
import { findJsonError } from "./json-error.js";
import { problem } from "./problem.js";
import type { ProblemDetails } from "./handler.js";

/** Either the decoded body (undefined when absent) or the problem to answer with. */
export type BodyResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: ProblemDetails };

const ABSENT: BodyResult = { ok: true, value: undefined };
const utf8 = new TextDecoder("utf-8", { fatal: true });

export function mediaTypeOf(request: HttpRequest): string | undefined {
  const header = request.headers.get("content-type");
  if (header === null) return undefined;
  const semicolon = header.indexOf(";");
  return (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
}

function isJson(mediaType: string): boolean {
  return mediaType === "application/json" || mediaType.endsWith("+json");
}

function accepted(spec: BodySpec, mediaType: string): boolean {
  switch (spec.encoding ?? "json") {
    case "json":
      return isJson(mediaType);
    case "form":
      return mediaType === "application/x-www-form-urlencoded" || mediaType === "multipart/form-data";
    case "text":
      return mediaType.startsWith("text/") || spec.consumes.includes(mediaType);
    case "binary":
      return true;
  }
}

/**
 * Reads and decodes the request body as the operation declares it: JSON, form fields, text or bytes.
 * Refuses an oversize body (413), a media type the operation does not consume (415), bytes that are not
 * UTF-8 text and malformed JSON (400), each with a detail that says what to fix.
 */
export async function readBody(
  request: HttpRequest,
  spec: BodySpec,
  formFields: readonly ParameterSpec[],
  maxBytes: number,
): Promise<BodyResult> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) return tooLarge(maxBytes);
  const mediaType = mediaTypeOf(request);
  if (request.body === null && (declared === null || declared === "0")) return ABSENT;
  if (mediaType !== undefined && !accepted(spec, mediaType)) {
    return {
      ok: false,
      problem: problem(415, `Content-Type ${mediaType} is not accepted here; send ${spec.consumes.join(" or ") || "application/json"}.`),
    };
  }
  const encoding = spec.encoding ?? "json";
  if (encoding === "form") return readForm(request, formFields, maxBytes);

  const buffer = await request.arrayBuffer();
  if (buffer.byteLength > maxBytes) return tooLarge(maxBytes);
  if (buffer.byteLength === 0) return ABSENT;
  if (encoding === "binary") return { ok: true, value: new Uint8Array(buffer) };

  let text: string;
  try {
    text = utf8.decode(buffer);
  } catch {
    return { ok: false, problem: problem(400, "The request body is not valid UTF-8 text.") };
  }
  if (encoding === "text") return { ok: true, value: text };
  return parseJson(text);
}

export function parseJson(text: string): BodyResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, problem: problem(400, `The request body is not valid JSON: ${describeJsonError(text, error)}.`) };
  }
}

function describeJsonError(text: string, error: unknown): string {
  const found = findJsonError(text);
  if (found !== undefined) return `${found.reason} at line ${found.line}, column ${found.column}`;
  // The scanner accepts what JSON.parse refused only in corner cases (nesting deeper than the stack): say what V8 says.
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/, ".*" is not valid JSON$/s, "");
}

async function readForm(request: HttpRequest, fields: readonly ParameterSpec[], maxBytes: number): Promise<BodyResult> {
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > maxBytes) return tooLarge(maxBytes);
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    return { ok: false, problem: problem(400, "The request body is not a valid form: check the Content-Type boundary and the encoding.") };
  }
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const entries = form.getAll(field.name);
    if (field.type === "file") {
      const file = entries.find((entry) => typeof entry !== "string");
      if (file !== undefined) body[field.key] = file;
      continue;
    }
    const strings = entries.filter((entry): entry is string => typeof entry === "string");
    const value = coerceParameter(field, strings);
    if (value !== undefined) body[field.key] = value;
  }
  return { ok: true, value: body };
}

function tooLarge(maxBytes: number): BodyResult {
  return { ok: false, problem: problem(413, `The request body is larger than the ${maxBytes} bytes this API accepts.`) };
}
