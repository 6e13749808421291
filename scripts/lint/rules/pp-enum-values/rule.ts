import { isObject, isString } from "../../connector/json.js";
import { typedValues } from "../../connector/values.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-enum-values",
  description: "x-ms-enum-values gives a displayName for values of the enum, each once.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, value } of typedValues(root)) {
      const entries = value["x-ms-enum-values"];
      if (entries === undefined) continue;
      const at = [...path, "x-ms-enum-values"];
      if (!Array.isArray(entries)) {
        findings.push({ message: "x-ms-enum-values must be a list of { value, displayName }.", path: at });
        continue;
      }
      const allowed = Array.isArray(value["enum"]) ? value["enum"].map((v: unknown) => JSON.stringify(v)) : undefined;
      const seen = new Set<string>();
      entries.forEach((entry: unknown, index) => {
        if (!isObject(entry) || !("value" in entry) || !isString(entry["displayName"]) || entry["displayName"] === "") {
          findings.push({ message: "Each x-ms-enum-values entry needs a 'value' and a 'displayName'.", path: [...at, index] });
          return;
        }
        const key = JSON.stringify(entry["value"]);
        if (allowed === undefined) findings.push({ message: "x-ms-enum-values needs an 'enum' next to it listing the values.", path: [...at, index, "value"] });
        else if (!allowed.includes(key)) findings.push({ message: `${key} is not one of the enum's values, so it can never be chosen.`, path: [...at, index, "value"] });
        if (seen.has(key)) findings.push({ message: `${key} has a display name already.`, path: [...at, index, "value"] });
        seen.add(key);
      });
    }
    return findings;
  },
});
