import { parameterDefinitions } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-collection-format-type",
  description: "collectionFormat stands only on array parameters.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, parameter } of parameterDefinitions(root)) {
      if (!("collectionFormat" in parameter) || parameter["type"] === "array") continue;
      findings.push({ message: `collectionFormat applies to type: array only; on this ${String(parameter["type"] ?? "untyped")} parameter it does nothing. Remove it, or make the parameter an array.`, path: [...path, "collectionFormat"] });
    }
    return findings;
  },
});
