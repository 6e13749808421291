import { isString } from "../../connector/json.js";
import { closest } from "../../connector/text.js";
import { typedValues } from "../../connector/values.js";
import { defineRule, type Finding } from "../../rule.js";

// Microsoft's schema lists these formats; each belongs to one type.
const FORMATS: Record<string, readonly string[]> = {
  integer: ["int32", "int64"],
  number: ["float", "double", "int32", "int64"],
  string: ["byte", "binary", "date", "date-time", "password", "date-no-tz", "email", "html", "uri", "uuid"],
};

export const rule = defineRule({
  id: "pp-format",
  description: "format is one the platform knows, for the declared type.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, value } of typedValues(root)) {
      const format = value["format"];
      const type = value["type"];
      if (!isString(format) || !isString(type) || !(type in FORMATS)) continue;
      const allowed = FORMATS[type]!;
      if (allowed.includes(format)) continue;
      const elsewhere = Object.entries(FORMATS).find(([, formats]) => formats.includes(format))?.[0];
      const hint = elsewhere ? `it is a format of ${elsewhere}` : closest(format, allowed) ? `did you mean '${closest(format, allowed)}'?` : `a ${type} takes ${allowed.join(", ")}`;
      findings.push({ message: `format '${format}' is not recognised for type ${type} (UnrecognizedTypeFormat): ${hint}${hint.endsWith("?") ? "" : "."} The platform ignores it.`, path: [...path, "format"] });
    }
    return findings;
  },
});
