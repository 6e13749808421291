import { EXTENSION_PLACES, EXTENSIONS_ANYWHERE, KNOWN_EXTENSIONS } from "../../connector/extensions.js";
import { PLACE_NAMES, placedObjects, type Place } from "../../connector/places.js";
import { defineRule, type Finding } from "../../rule.js";

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
