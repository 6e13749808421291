import { parameterDefinitions } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

const FORMATS = ["csv", "ssv", "tsv", "pipes", "multi"];

export const rule = defineRule({
  id: "pp-collection-format",
  description: "collectionFormat is csv, ssv, tsv, pipes, or multi (query and formData only).",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, parameter } of parameterDefinitions(root)) {
      if (!("collectionFormat" in parameter)) continue;
      const format = parameter["collectionFormat"];
      const at = [...path, "collectionFormat"];
      if (typeof format !== "string" || !FORMATS.includes(format)) {
        findings.push({ message: `collectionFormat ${JSON.stringify(format)} is not supported (CollectionFormatValueNotSupported): use csv, ssv, tsv, pipes or multi.`, path: at });
      } else if (format === "multi" && parameter["in"] !== "query" && parameter["in"] !== "formData") {
        findings.push({ message: `collectionFormat multi repeats a query or form field; a ${String(parameter["in"])} parameter cannot use it (CollectionFormatValueNotSupported).`, path: at });
      }
    }
    return findings;
  },
});
