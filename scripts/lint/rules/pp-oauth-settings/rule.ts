import { isObject, isString, objectEntries, type JsonObject, type JsonPath } from "../../connector/json.js";
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
const REDIRECT_MODES = ["Global", "Direct", "GlobalPerConnector"];

export const rule = defineRule({
  id: "pp-oauth-settings",
  description: "OAuth connection parameters name an identity provider and give it the custom parameters it reads, as { value } entries, with a known redirect mode.",
  severity: "error",
  document: "apiProperties",
  given: "$.properties",
  check(properties, { path }) {
    if (!isObject(properties)) return [];
    const findings: Finding[] = [];
    const sets = isObject(properties["connectionParameterSets"]) ? properties["connectionParameterSets"]["values"] : undefined;
    const groups: [JsonPath, unknown][] = [[[...path, "connectionParameters"], properties["connectionParameters"]]];
    if (Array.isArray(sets)) sets.forEach((set: unknown, i) => isObject(set) && groups.push([[...path, "connectionParameterSets", "values", i, "parameters"], set["parameters"]]));
    for (const [at, group] of groups) {
      for (const [name, parameter] of objectEntries(group)) {
        if (parameter["type"] === "oauthSetting") findings.push(...checkOAuth(parameter["oAuthSettings"], [...at, name]));
      }
    }
    return findings;
  },
});

function checkOAuth(settings: unknown, at: JsonPath): Finding[] {
  if (!isObject(settings)) return [{ message: "A parameter of type oauthSetting needs 'oAuthSettings'.", path: at }];
  const path = [...at, "oAuthSettings"];
  const provider = settings["identityProvider"];
  if (!isString(provider)) return [{ message: "oAuthSettings needs an 'identityProvider' (oauth2, aad, oauth2generic, …).", path }];
  const findings: Finding[] = [];
  const custom = isObject(settings["customParameters"]) ? settings["customParameters"] : {};
  const allowed = CUSTOM_PARAMETERS[provider];
  for (const [key, entry] of Object.entries(custom)) {
    const keyPath = [...path, "customParameters", key];
    if (allowed && !allowed.includes(key)) findings.push({ message: `The ${provider} provider does not read customParameters.${key}: it takes ${allowed.join(", ")}.`, path: keyPath });
    if (!isObject(entry) || !isString(entry["value"])) findings.push({ message: `customParameters.${key} must be written { "value": "…" }.`, path: keyPath });
  }
  for (const key of REQUIRED_CUSTOM[provider] ?? []) {
    if (!(key in custom)) findings.push({ message: `The ${provider} provider needs customParameters.${key}.`, path });
  }
  findings.push(...checkScalars(settings, path));
  return findings;
}

function checkScalars(settings: JsonObject, path: JsonPath): Finding[] {
  const findings: Finding[] = [];
  const mode = settings["redirectMode"];
  if (mode !== undefined && !REDIRECT_MODES.some((m) => m.toLowerCase() === String(mode).toLowerCase())) {
    findings.push({ message: `redirectMode must be ${REDIRECT_MODES.join(", ")}; not ${JSON.stringify(mode)}.`, path: [...path, "redirectMode"] });
  }
  const scopes = settings["scopes"];
  if (scopes !== undefined && !(Array.isArray(scopes) && scopes.every(isString))) {
    findings.push({ message: "scopes must be a list of strings (usually one space-separated string).", path: [...path, "scopes"] });
  }
  const firstParty = isObject(settings["properties"]) ? settings["properties"]["IsFirstParty"] : undefined;
  if (firstParty !== undefined && firstParty !== "True" && firstParty !== "False") {
    findings.push({ message: `properties.IsFirstParty is the string "True" or "False", not ${JSON.stringify(firstParty)}.`, path: [...path, "properties", "IsFirstParty"] });
  }
  return findings;
}
