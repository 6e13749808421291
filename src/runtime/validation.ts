import type { ValidationError } from "./contract.js";
import type { ProblemFieldError } from "./handler.js";

type Location = ProblemFieldError["in"];

const LOCATIONS: Readonly<Record<string, Location>> = {
  path: "path",
  query: "query",
  headers: "header",
  body: "body",
};

/**
 * Turns ajv's errors over `{ path, query, headers, body }` into one entry per bad field: where it is (the
 * parameter name, or a JSON pointer into the body) and why, in words a caller can act on.
 */
export function describeValidationErrors(errors: readonly ValidationError[], formBody = false): ProblemFieldError[] {
  const seen = new Set<string>();
  const out: ProblemFieldError[] = [];
  for (const error of errors) {
    const field = toField(error, formBody);
    if (field === undefined) continue;
    const key = `${field.in}\u0000${field.name}\u0000${field.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(field);
  }
  return out;
}

function toField(error: ValidationError, formBody: boolean): ProblemFieldError | undefined {
  const segments = error.instancePath.split("/").slice(1).map(unescapePointer);
  const group = segments.shift();
  if (group === undefined) {
    // The whole request object: only `required` on a group can land here, e.g. a missing required body.
    const missing = stringParam(error, "missingProperty");
    return missing === "body" ? { in: "body", name: "", pointer: "", message: "is required" } : undefined;
  }
  const location = LOCATIONS[group];
  if (location === undefined) return undefined;
  const extra = extraSegment(error);
  if (extra !== undefined) segments.push(extra);

  if (location === "body" && !formBody) {
    const pointer = segments.map((s) => `/${escapePointer(s)}`).join("");
    return { in: "body", name: pointer, pointer, message: messageOf(error) };
  }
  const [name = "", ...rest] = segments;
  const where: Location = location === "body" ? "formData" : location;
  const suffix = rest.length > 0 ? ` (item ${rest.join("/")})` : "";
  return { in: where, name, message: `${messageOf(error)}${suffix}` };
}

/** `required` and `additionalProperties` name the field in params, not in the path. */
function extraSegment(error: ValidationError): string | undefined {
  if (error.keyword === "required") return stringParam(error, "missingProperty");
  if (error.keyword === "additionalProperties") return stringParam(error, "additionalProperty");
  return undefined;
}

function messageOf(error: ValidationError): string {
  switch (error.keyword) {
    case "required":
      return "is required";
    case "additionalProperties":
      return "is not a known field";
    case "enum": {
      const allowed = error.params["allowedValues"];
      return Array.isArray(allowed) ? `must be one of: ${allowed.map((v) => JSON.stringify(v)).join(", ")}` : "must be one of the allowed values";
    }
    case "format":
      return `must be a valid ${String(error.params["format"])}`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

function stringParam(error: ValidationError, name: string): string | undefined {
  const value = error.params[name];
  return typeof value === "string" ? value : undefined;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
