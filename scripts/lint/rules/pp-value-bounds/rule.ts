import { isString, type JsonObject } from "../../connector/json.js";
import { dotnetPatternProblem } from "../../connector/dotnet-regex.js";
import { typedValues } from "../../connector/values.js";
import { defineRule, type Finding } from "../../rule.js";

const PAIRS = [
  ["minimum", "maximum"],
  ["minLength", "maxLength"],
  ["minItems", "maxItems"],
  ["minProperties", "maxProperties"],
] as const;

export const rule = defineRule({
  id: "pp-value-bounds",
  description: "Bounds are consistent (min ≤ max, exclusive bounds have a bound, multipleOf > 0) and patterns are valid regular expressions.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, value } of typedValues(root)) {
      for (const [low, high] of PAIRS) {
        const a = value[low];
        const b = value[high];
        if (typeof a === "number" && typeof b === "number" && a > b) findings.push({ message: `${low} ${a} is greater than ${high} ${b}: no value can satisfy both.`, path: [...path, low] });
      }
      for (const [flag, bound] of [["exclusiveMaximum", "maximum"], ["exclusiveMinimum", "minimum"]] as const) {
        if (value[flag] === true && typeof value[bound] !== "number") findings.push({ message: `${flag} needs a ${bound} to apply to.`, path: [...path, flag] });
      }
      if (typeof value["multipleOf"] === "number" && value["multipleOf"] <= 0) findings.push({ message: "multipleOf must be greater than 0.", path: [...path, "multipleOf"] });
      const problem = patternProblem(value);
      if (problem !== undefined) findings.push({ message: `pattern is not a valid .NET regular expression: ${problem.replace(/\.$/, "")}.`, path: [...path, "pattern"] });
    }
    return findings;
  },
});

function patternProblem(value: JsonObject): string | undefined {
  const pattern = value["pattern"];
  // The platform is a .NET service: a pattern is valid when .NET's Regex takes it (not JavaScript's `u` mode).
  return isString(pattern) ? dotnetPatternProblem(pattern) : undefined;
}
