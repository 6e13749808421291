import { isObject } from "../../connector/json.js";
import { defineRule, type Finding } from "../../rule.js";

const SUPPORTED = ["https", "http"];

export const rule = defineRule({
  id: "pp-schemes",
  description: "schemes is a non-empty list of http and https only.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root)) return [];
    const schemes = root["schemes"];
    if (!Array.isArray(schemes) || schemes.length === 0) {
      return [{ message: "'schemes' must list the protocol the connector calls, e.g. [https] (SchemesArrayEmpty).", path: schemes === undefined ? [] : ["schemes"] }];
    }
    const findings: Finding[] = [];
    schemes.forEach((scheme: unknown, index) => {
      if (typeof scheme !== "string" || !SUPPORTED.includes(scheme)) {
        findings.push({ message: `Scheme '${String(scheme)}' is not supported: connectors call over https or http only (SchemeNotSupported).`, path: ["schemes", index] });
      }
    });
    return findings;
  },
});
