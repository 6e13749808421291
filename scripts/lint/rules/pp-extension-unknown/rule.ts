import { EXTENSION_PLACES, isExtensionName, KNOWN_EXTENSIONS } from "../../connector/extensions.js";
import { placedObjects } from "../../connector/places.js";
import { closest } from "../../connector/text.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-extension-unknown",
  description: "Every x-ms-* key is an extension Power Platform knows, spelt as it spells it.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, object, place } of placedObjects(root)) {
      for (const key of Object.keys(object)) {
        if (!isExtensionName(key) || KNOWN_EXTENSIONS.includes(key)) continue;
        const sameName = KNOWN_EXTENSIONS.find((known) => known.toLowerCase() === key.toLowerCase());
        // Prefer a suggestion that may stand here.
        const suggestion = sameName ?? closest(key, EXTENSION_PLACES[place] ?? []) ?? closest(key, KNOWN_EXTENSIONS);
        const hint = sameName ? `extension names are case-sensitive: write '${sameName}'` : suggestion ? `did you mean '${suggestion}'?` : "Power Platform ignores it";
        findings.push({ message: `'${key}' is not a Power Platform extension: ${hint}${hint.endsWith("?") ? "" : "."}`, path: [...path, key] });
      }
    }
    return findings;
  },
});
