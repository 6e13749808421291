import { isObject, isString } from "../../connector/json.js";
import { oauthSettingsOf } from "../../connector/oauth.js";
import { defineRule, type Finding } from "../../rule.js";

/** The customParameters each identity provider reads; other providers are not checked. */
const CUSTOM_PARAMETERS: Record<string, readonly string[]> = {
  oauth2: ["authorizationUrl", "tokenUrl", "refreshUrl"],
  aad: ["resourceUri", "loginUri", "tenantId", "enableOnbehalfOfLogin"],
  oauth2generic: [
    "authorizationUrlTemplate", "tokenUrlTemplate", "refreshUrlTemplate", "authorizationUrlQueryStringTemplate", "tokenUrlQueryStringTemplate",
    "refreshUrlQueryStringTemplate", "tokenBodyTemplate", "refreshBodyTemplate", "scopeListDelimiter",
  ],
};
const REQUIRED_CUSTOM: Record<string, readonly string[]> = { aad: ["resourceUri"] };
const ACCEPTED = "accepted connectors have it";

export const rule = defineRule({
  id: "pp-oauth-custom-parameters",
  description: "OAuth customParameters are the ones the identity provider reads, each written { \"value\": … }, with aad's resourceUri.",
  severity: "warn",
  document: "apiProperties",
  given: "$.properties",
  check(properties, { path }) {
    if (!isObject(properties)) return [];
    const findings: Finding[] = [];
    for (const use of oauthSettingsOf(properties, path)) {
      const settings = use.settings;
      if (!isObject(settings) || !isString(settings["identityProvider"])) continue;
      const provider = settings["identityProvider"];
      const at = [...use.path, "oAuthSettings"];
      const custom = isObject(settings["customParameters"]) ? settings["customParameters"] : {};
      const allowed = CUSTOM_PARAMETERS[provider];
      for (const [key, entry] of Object.entries(custom)) {
        const keyPath = [...at, "customParameters", key];
        if (allowed && !allowed.includes(key)) {
          const near = allowed.find((a) => a.toLowerCase() === key.toLowerCase());
          findings.push({ message: `The ${provider} provider does not read customParameters.${key}${near ? ` (it reads ${near}, spelt so)` : ""}; ${ACCEPTED}, but the value goes nowhere. It takes ${allowed.join(", ")}.`, path: keyPath });
        }
        if (!isObject(entry) || !isString(entry["value"])) findings.push({ message: `customParameters.${key} is not written { "value": "…" }; ${ACCEPTED}, but the provider may not find the value.`, path: keyPath });
      }
      for (const key of REQUIRED_CUSTOM[provider] ?? []) {
        if (!(key in custom)) findings.push({ message: `The ${provider} provider has no customParameters.${key}; ${ACCEPTED}, but then the token is not for your API unless the connection supplies the resource.`, path: at });
      }
    }
    return findings;
  },
});
