import { oas2 } from "@stoplight/spectral-formats";
import { oas } from "@stoplight/spectral-rulesets";
import { isObject, type JsonPath } from "../../connector/json.js";
import { placedObjects } from "../../connector/places.js";
import { valueAt } from "../../connector/refs.js";
import { PLACE_NAMES } from "../../connector/places.js";
import { SWAGGER_FIELDS } from "../../connector/swagger-fields.js";
import { closest } from "../../connector/text.js";
import { acceptedShapes, withEdits } from "../../connector/swagger-shape.js";
import { defineRule, type Finding } from "../../rule.js";

type SchemaCheck = (input: unknown, options: null, context: { document: { formats: ReadonlySet<unknown> | undefined } }) => { message: string; path?: JsonPath }[] | undefined;

// Spectral's own Swagger 2.0 schema check, the function behind spectral:oas's oas2-schema. It reads nothing of
// its context but the document's formats.
const schemaCheck = (oas.rules["oas2-schema"] as unknown as { then: { function: SchemaCheck } }).then.function;

const LOCATIONS = ["body", "query", "header", "path", "formData"];

export const rule = defineRule({
  id: "pp-oas2-schema",
  description: "The definition is Swagger 2.0 as its JSON schema says, apart from shapes Power Platform rules report at their own severity.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root, { formats }) {
    if (!isObject(root)) return [];
    // Checked on a copy without the accepted shapes: each is one finding of its own rule, not a cascade of
    // oneOf errors here. Only keys are removed or replaced, so every path still points into the original.
    // Outside Spectral (a caller of check() alone) the document is taken for what this rule applies to.
    const results = schemaCheck(withEdits(root, acceptedShapes(root)), null, { document: { formats: formats ?? new Set([oas2]) } }) ?? [];
    // The function gives JSON-pointer segments (`/widgets` as `~1widgets`): decoded, as the other rules' paths are.
    const decoded = results.map((r): Finding => ({ message: sentence(r.message), path: (r.path ?? []).map((s) => (typeof s === "string" ? s.replace(/~1/g, "/").replace(/~0/g, "~") : s)) }));
    return withoutMisspeltRequirements(collapseParameters(root, decoded).map((finding) => explain(root, finding)));
  },
});

/** `tpye: string` is one mistake: the unknown key, not also the "required property type" it leaves missing. */
function withoutMisspeltRequirements(findings: Finding[]): Finding[] {
  const meant = new Set<string>();
  for (const f of findings) {
    const near = /^Unknown key .* — did you mean (.*)\?$/.exec(f.message)?.[1];
    if (near !== undefined) meant.add(JSON.stringify([...f.path.slice(0, -1).map(String), near]));
  }
  return findings.filter((f) => {
    const required = /must have required property "(.*)"\.$/.exec(f.message)?.[1];
    return required === undefined || !meant.has(JSON.stringify([...f.path.map(String), required]));
  });
}

/** Ajv's message as a sentence: one full stop, not one after its own "?" or ".". */
function sentence(message: string): string {
  return /[.?!]$/.test(message) ? message : `${message}.`;
}

/**
 * The schema's words made into what a user fixes: an unexpected key is an unknown key, named with the field it
 * was likely meant to be; a type the schema does not have names the types it does.
 */
function explain(root: unknown, finding: Finding): Finding {
  const unexpected = /^Property "(.*)" is not expected to be here\.$/.exec(finding.message);
  if (unexpected) {
    const key = unexpected[1]!;
    const parent = JSON.stringify(finding.path.slice(0, -1).map(String));
    const place = placedObjects(root).find((p) => JSON.stringify(p.path.map(String)) === parent)?.place;
    const fields = place === undefined ? undefined : SWAGGER_FIELDS[place];
    if (fields === undefined) return { ...finding, message: `Unknown key ${key}: Swagger 2.0 does not define it here; remove it, or prefix it with x- if it is yours.` };
    const near = closest(key, fields);
    const message = near
      ? `Unknown key ${key} — did you mean ${near}?`
      : `Unknown key ${key}: ${PLACE_NAMES[place!]} has ${fields.join(", ")} (and x- extensions).`;
    return { ...finding, message };
  }
  const badType = /^"type" property must be equal to one of the allowed values: (.*?)\.( Did you mean "(.*)"\?)?$/.exec(finding.message);
  if (badType) {
    const allowed = badType[1]!.replace(/"/g, "").split(", ");
    const typed = valueAt(root, finding.path);
    // Ajv's own suggestion is by edit distance alone ("int": "string"); an abbreviation is likelier.
    const near = typeof typed === "string" ? (allowed.find((t) => typed.length >= 3 && t.startsWith(typed.toLowerCase())) ?? closest(typed, allowed)) : undefined;
    const hint = near === undefined ? "." : ` — did you mean ${near}?`;
    return { ...finding, message: `Unknown type ${JSON.stringify(typed)}${hint} Swagger 2.0 allows ${allowed.join(", ")} here.` };
  }
  return finding;
}

/**
 * A parameter is one of five kinds in Swagger's schema (oneOf), so one mistake in it fails every kind and comes
 * back as up to ten errors, most about the kinds it is not. Keep what concerns the kind its `in` names.
 */
function collapseParameters(root: unknown, findings: Finding[]): Finding[] {
  const kept: Finding[] = [];
  const seen = new Set<string>();
  const byParameter = new Map<string, { at: JsonPath; findings: Finding[] }>();
  for (const finding of findings) {
    const at = parameterPath(finding.path);
    if (at === undefined) {
      kept.push(finding);
      continue;
    }
    const key = JSON.stringify(at.map(String));
    const group = byParameter.get(key) ?? { at, findings: [] };
    group.findings.push(finding);
    byParameter.set(key, group);
  }
  for (const { at, findings: group } of byParameter.values()) {
    const parameter = valueAt(root, at);
    const location = isObject(parameter) ? parameter["in"] : undefined;
    if (typeof location !== "string" || !LOCATIONS.includes(location)) {
      kept.push({ message: `"in" must be one of ${LOCATIONS.join(", ")}, not ${JSON.stringify(location)}.`, path: isObject(parameter) && "in" in parameter ? [...at, "in"] : at });
      continue;
    }
    const relevant = group.filter((f) => concernsKind(f, at, location));
    for (const finding of relevant.length > 0 ? relevant : [{ message: `Not a valid ${location} parameter of Swagger 2.0.`, path: at }]) {
      const key = `${JSON.stringify(finding.path.map(String))}\u0000${finding.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      kept.push(finding);
    }
  }
  return kept;
}

// The fields each kind of parameter has; a field of one kind is "not expected" by the others.
const BODY_FIELDS = ["name", "in", "description", "required", "schema"];
const NON_BODY_FIELDS = [
  "name", "in", "description", "required", "type", "format", "allowEmptyValue", "items", "collectionFormat", "default", "maximum",
  "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "enum", "multipleOf",
];

function concernsKind(finding: Finding, at: JsonPath, location: string): boolean {
  const message = finding.message;
  const own = finding.path.length === at.length;
  if (/must match exactly one schema in oneOf|must not be valid/.test(message)) return false;
  if (/^"in" property must be equal to/.test(message)) return false;
  if (own && location !== "body" && /required property "schema"/.test(message)) return false;
  if (own && location !== "path" && /required property "required"/.test(message)) return false;
  // `required: true` is a path parameter's own rule ("must be equal to one of the allowed values: true").
  if (location !== "path" && finding.path.length === at.length + 1 && finding.path[at.length] === "required" && /allowed values: true/.test(message)) return false;
  if (/is not expected to be here/.test(message) && finding.path.length === at.length + 1) {
    const key = String(finding.path[at.length]);
    return !(location === "body" ? BODY_FIELDS : NON_BODY_FIELDS).includes(key);
  }
  // Inside `schema` only the body kind has anything to say, and the other way round.
  if (finding.path.length > at.length && (finding.path[at.length] === "schema") !== (location === "body")) return false;
  // The type list with "file" is formData's; the one without, the other non-body kinds'.
  if (/^"type" property must be equal to/.test(message)) return /"file"/.test(message) === (location === "formData");
  return true;
}

/** The path of the parameter object a finding lies in, if any: #/parameters/name or …/parameters/index. */
function parameterPath(path: JsonPath): JsonPath | undefined {
  if (path[0] === "parameters" && path.length >= 2) return path.slice(0, 2);
  if (path[0] !== "paths") return undefined;
  const index = path.indexOf("parameters", 2);
  if (index < 0 || index > 3 || path.length <= index + 1) return undefined;
  return path.slice(0, index + 2);
}
