import { isObject } from "../../connector/json.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-security-schemes",
  description: "A connector authenticates one way: one kind of security scheme, and no OAuth flow the platform cannot run.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root) || !isObject(root["securityDefinitions"])) return [];
    const findings: Finding[] = [];
    const kinds = new Map<string, string>();
    for (const [name, scheme] of Object.entries(root["securityDefinitions"])) {
      if (!isObject(scheme)) continue;
      const kind = String(scheme["type"]);
      const first = [...kinds.entries()].find(([, k]) => k !== kind);
      if (first) {
        findings.push({ message: `'${name}' is ${kind} but '${first[0]}' is ${first[1]}: a connection uses one kind of authentication, so one of them is not used (unless apiProperties defines connectionParameterSets).`, path: ["securityDefinitions", name] });
      }
      if (!kinds.has(name)) kinds.set(name, kind);
      if (kind === "oauth2" && scheme["flow"] === "application") {
        findings.push({ message: "The client-credentials flow (application) is not supported for custom connectors: connections sign a user in (accessCode).", path: ["securityDefinitions", name, "flow"] });
      }
    }
    return findings;
  },
});
