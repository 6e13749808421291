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

/** Why, in words a caller can act on (ajv's own messages read "must NOT have fewer than 1 characters"). */
function messageOf(error: ValidationError): string {
  const limit = error.params["limit"];
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
    case "type":
      return `must be ${withArticle(String(error.params["type"]))}`;
    case "minLength":
      return limit === 1 ? "must not be empty" : `must be at least ${String(limit)} characters long`;
    case "maxLength":
      return `must be at most ${String(limit)} characters long`;
    case "minItems":
      return `must have at least ${plural(limit, "item")}`;
    case "maxItems":
      return `must have at most ${plural(limit, "item")}`;
    case "minProperties":
      return `must have at least ${plural(limit, "field")}`;
    case "maxProperties":
      return `must have at most ${plural(limit, "field")}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `must be ${COMPARISONS[String(error.params["comparison"])] ?? String(error.params["comparison"])} ${String(limit)}`;
    case "pattern":
      return `must match the pattern ${String(error.params["pattern"])}`;
    case "uniqueItems":
      return "must not contain the same item twice";
    case "multipleOf":
      return `must be a multiple of ${String(error.params["multipleOf"])}`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

const COMPARISONS: Readonly<Record<string, string>> = { ">=": "at least", "<=": "at most", ">": "more than", "<": "less than" };

function withArticle(type: string): string {
  // "must be integer,string" (a type list) stays as ajv says it.
  if (type.includes(",")) return `one of these types: ${type}`;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function plural(count: unknown, noun: string): string {
  return count === 1 ? `one ${noun}` : `${String(count)} ${noun}s`;
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
