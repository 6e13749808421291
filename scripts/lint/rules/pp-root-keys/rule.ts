import { isObject } from "../../connector/json.js";
import { ROOT_FIELDS } from "../../connector/swagger-shape.js";
import { closest } from "../../connector/text.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-root-keys",
  description: "The top level of the definition holds Swagger 2.0's fields and x- extensions only.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root)) return [];
    const findings: Finding[] = [];
    for (const key of Object.keys(root)) {
      if (ROOT_FIELDS.includes(key) || key.startsWith("x-")) continue;
      const near = closest(key, ROOT_FIELDS) ?? ROOT_FIELDS.find((f) => f.toLowerCase() === key.toLowerCase());
      findings.push({
        message: `'${key}' is not a Swagger 2.0 field${near ? ` (did you mean '${near}'?)` : ""}: documented as AdditionalPropertyNotAllowed; accepted connectors have it, the platform ignores it.`,
        path: [key],
      });
    }
    return findings;
  },
});
