import { EXTENSION_PLACES, EXTENSIONS_ANYWHERE, KNOWN_EXTENSIONS } from "../../connector/extensions.js";
import { placedObjects, type Place } from "../../connector/places.js";
import { defineRule, type Finding } from "../../rule.js";

const PLACE_NAMES: Record<Place, string> = {
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

export const rule = defineRule({
  id: "pp-extension-placement",
  description: "Each x-ms-* extension stands where Power Platform reads it.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, object, place } of placedObjects(root)) {
      const allowed = EXTENSION_PLACES[place] ?? [];
      for (const key of Object.keys(object)) {
        if (!KNOWN_EXTENSIONS.includes(key) || allowed.includes(key) || (EXTENSIONS_ANYWHERE as readonly string[]).includes(key)) continue;
        const places = (Object.keys(EXTENSION_PLACES) as Place[]).filter((p) => EXTENSION_PLACES[p]?.includes(key)).map((p) => PLACE_NAMES[p]);
        findings.push({ message: `${key} is not read on ${PLACE_NAMES[place]}, so it has no effect here: it belongs on ${places.join(", ")}.`, path: [...path, key] });
      }
    }
    return findings;
  },
});
