import { isObject } from "../../connector/json.js";
import { typedValues } from "../../connector/values.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-array-items",
  description: "Every type: array declares its items.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, value } of typedValues(root)) {
      if (value["type"] === "array" && !isObject(value["items"])) {
        findings.push({ message: "An array without 'items': documented as ArrayHasNoItems; an accepted connector has it, but the designer and Power Fx cannot type its elements. Say what each element is, e.g. items: { type: string }.", path });
      }
    }
    return findings;
  },
});
