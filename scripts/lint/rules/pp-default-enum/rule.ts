import { typedValues } from "../../connector/values.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-default-enum",
  description: "A default is one of the enum's values.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, value } of typedValues(root)) {
      const choices = value["enum"];
      if (!("default" in value) || !Array.isArray(choices)) continue;
      const fallback = JSON.stringify(value["default"]);
      // "0" and 0 are the same choice once the platform converts the default (see pp-default-value-string).
      if (choices.some((v: unknown) => JSON.stringify(v) === fallback || String(v) === String(value["default"]))) continue;
      findings.push({ message: `The default ${fallback} is not one of the enum's values (${choices.map((v: unknown) => JSON.stringify(v)).join(", ")}): the drop-down cannot show it selected. Accepted connectors have it.`, path: [...path, "default"] });
    }
    return findings;
  },
});
