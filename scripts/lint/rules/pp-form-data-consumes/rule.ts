import { operationsOf } from "../../connector/operations.js";
import { consumesOf } from "../../connector/responses.js";
import { defineRule, type Finding } from "../../rule.js";

const FORM_TYPES = ["multipart/form-data", "application/x-www-form-urlencoded"];

export const rule = defineRule({
  id: "pp-form-data-consumes",
  description: "Operations with formData parameters consume multipart/form-data or application/x-www-form-urlencoded.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const operation of operationsOf(root)) {
      if (!operation.parameters.some((p) => p.in === "formData")) continue;
      const consumes = consumesOf(root, operation).map((t) => t.split(";")[0]!.trim().toLowerCase());
      if (consumes.some((t) => FORM_TYPES.includes(t))) continue;
      findings.push({
        message: "formData parameters without 'consumes: [multipart/form-data]' (or application/x-www-form-urlencoded): documented as ConsumesMissing; accepted connectors have it, but how the form is encoded is then the platform's guess. Add it to the operation or the document.",
        path: operation.path,
      });
    }
    return findings;
  },
});
