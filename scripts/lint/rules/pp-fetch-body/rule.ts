import { operationsOf } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-fetch-body",
  description: "GET and HEAD operations take no body or formData parameter.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const operation of operationsOf(root)) {
      if (operation.method !== "get" && operation.method !== "head") continue;
      for (const use of operation.parameters) {
        if (use.in !== "body" && use.in !== "formData") continue;
        findings.push({ message: `A ${operation.method.toUpperCase()} operation takes a ${use.in} parameter: documented as BodyOrFormDataParameterInFetchOperationNotAllowed; accepted connectors have it, but HTTP gives a GET body no meaning and proxies may drop it. Send '${use.name ?? "it"}' as query parameters, or use POST.`, path: use.path });
      }
    }
    return findings;
  },
});
