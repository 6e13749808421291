import { parameterDefinitions } from "../../connector/operations.js";
import { schemaNodes } from "../../connector/schemas.js";
import { defineRule, type Finding } from "../../rule.js";

const VALUES = ["single", "double"];

export const rule = defineRule({
  id: "pp-url-encoding",
  description: "x-ms-url-encoding is single or double, and stands only on path parameters.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, parameter } of parameterDefinitions(root)) {
      if (!("x-ms-url-encoding" in parameter)) continue;
      const at = [...path, "x-ms-url-encoding"];
      const value = parameter["x-ms-url-encoding"];
      if (parameter["in"] !== "path") {
        const why = parameter["in"] === "query" ? "query values are always single-encoded (QueryParameterEncodingNotSupported)" : "only path parameters are encoded by the platform";
        findings.push({ message: `x-ms-url-encoding is ignored on a ${String(parameter["in"])} parameter: ${why}.`, path: at });
      } else if (typeof value !== "string" || !VALUES.includes(value)) {
        findings.push({ message: `x-ms-url-encoding must be 'single' or 'double', not ${JSON.stringify(value)}.`, path: at });
      }
    }
    for (const node of schemaNodes(root)) {
      if ("x-ms-url-encoding" in node.schema) {
        findings.push({ message: "x-ms-url-encoding is ignored inside a schema: it applies to path parameters only.", path: [...node.path, "x-ms-url-encoding"] });
      }
    }
    return findings;
  },
});
