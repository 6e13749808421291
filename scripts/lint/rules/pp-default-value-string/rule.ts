import { isString, jsonType } from "../../connector/json.js";
import { defaultAgainstType, typedValues } from "../../connector/values.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-default-value-string",
  description: "A default of a number, integer or boolean is written as one, not as a string the platform converts.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, value } of typedValues(root)) {
      const fallback = value["default"];
      const type = value["type"];
      if (!isString(type) || !isString(fallback) || defaultAgainstType(fallback, type) !== "converted") continue;
      findings.push({
        message: `The default ${JSON.stringify(fallback)} is ${jsonType(fallback)}, but the type is ${type}: documented as DefaultValueMustMatchType; accepted connectors have it, the platform converts the value. Write ${fallback.trim().toLowerCase()} without quotes.`,
        path: [...path, "default"],
      });
    }
    return findings;
  },
});
