import { isString, jsonType } from "../../connector/json.js";
import { defaultAgainstType, typedValues } from "../../connector/values.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-default-value",
  description: "A default can be read as the declared type: not an object for a string, not \"abc\" or 2.5 for an integer.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, value } of typedValues(root)) {
      if (!("default" in value)) continue;
      const fallback = value["default"];
      const type = value["type"];
      // Strings that convert (pp-default-value-string) are what accepted connectors do; this is the rest.
      if (isString(type) && defaultAgainstType(fallback, type) === "mismatch") {
        findings.push({ message: `The default ${JSON.stringify(fallback)} is ${jsonType(fallback)}, but the type is ${type}, and it does not convert (DefaultValueMustMatchType).`, path: [...path, "default"] });
      }
    }
    return findings;
  },
});
