import { isString, jsonType, matchesType } from "../../connector/json.js";
import { typedValues } from "../../connector/values.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-default-value",
  description: "A default has the declared type and is one of the enum's values.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, value } of typedValues(root)) {
      if (!("default" in value)) continue;
      const fallback = value["default"];
      const type = value["type"];
      const at = [...path, "default"];
      if (isString(type) && fallback !== null && !matchesType(fallback, type)) {
        findings.push({ message: `The default ${JSON.stringify(fallback)} is ${jsonType(fallback)}, but the type is ${type} (DefaultValueMustMatchType).`, path: at });
      } else if (Array.isArray(value["enum"]) && !value["enum"].some((v: unknown) => JSON.stringify(v) === JSON.stringify(fallback))) {
        findings.push({ message: `The default ${JSON.stringify(fallback)} is not one of the enum's values.`, path: at });
      }
    }
    return findings;
  },
});
