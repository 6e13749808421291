import { isObject, type JsonPath } from "../../connector/json.js";
import { defineRule, type Finding } from "../../rule.js";

// Power Fx's connector library (OpenApiParser.ValidateSupportedOpenApiDocument) accepts these and no others.
const ROOT = ["x-ms-connector-metadata", "x-ms-capabilities", "x-ms-docs"];
const INFO = ["x-ms-deployment-version", "x-ms-api-annotation", "x-ibm-name", "x-logo", "x-ms-connector-name", "x-ms-keywords"];

export const rule = defineRule({
  id: "pp-powerfx-extensions",
  description: "Top-level and info extensions are ones Power Fx's connector library accepts; any other makes it mark the whole connector unsupported.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root)) return [];
    const findings: Finding[] = [];
    const report = (key: string, path: JsonPath, allowed: readonly string[], where: string): void => {
      findings.push({
        message: `${where} extension '${key}' makes Power Fx's connector library mark the whole connector unsupported (canvas apps and Copilot cannot call it); it accepts only ${allowed.join(", ")} there. Accepted connectors have it: flows are not affected. Remove it, or move it into an operation or schema.`,
        path,
      });
    };
    for (const [key, value] of Object.entries(root)) {
      // The library skips empty lists and objects.
      if (!key.startsWith("x-") || ROOT.includes(key) || isEmpty(value)) continue;
      report(key, [key], ROOT, "Top-level");
    }
    if (isObject(root["info"])) {
      for (const key of Object.keys(root["info"])) if (key.startsWith("x-") && !INFO.includes(key)) report(key, ["info", key], INFO, "The info");
    }
    return findings;
  },
});

function isEmpty(value: unknown): boolean {
  return (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
}
