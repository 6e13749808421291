import { isObject, isString, type JsonObject, type JsonPath } from "../../connector/json.js";
import { defineRule, type Finding } from "../../rule.js";

import { oauthSettingsOf } from "../../connector/oauth.js";
import { closest } from "../../connector/text.js";

/**
 * The identity providers the platform knows: the closed list of Microsoft's apiProperties schema, and the
 * first-party providers accepted connectors use beside it (DocuSign, in 2 connectors of Microsoft's repository).
 */
export const IDENTITY_PROVIDERS = ["oauth2", "oauth2generic", "aad", "aadcertificate", "facebook", "DocuSign"];
const REDIRECT_MODES = ["Global", "Direct", "GlobalPerConnector"];

export const rule = defineRule({
  id: "pp-oauth-settings",
  description: "OAuth connection parameters name an identity provider the platform knows, with a known redirect mode, string scopes and IsFirstParty.",
  severity: "error",
  document: "apiProperties",
  given: "$.properties",
  check(properties, { path }) {
    if (!isObject(properties)) return [];
    return oauthSettingsOf(properties, path).flatMap(({ settings, path: at }) => checkOAuth(settings, at));
  },
});

function checkOAuth(settings: unknown, at: JsonPath): Finding[] {
  if (!isObject(settings)) return [{ message: "A parameter of type oauthSetting needs 'oAuthSettings'.", path: at }];
  const path = [...at, "oAuthSettings"];
  const provider = settings["identityProvider"];
  if (!isString(provider)) return [{ message: "oAuthSettings needs an 'identityProvider' (oauth2, aad, oauth2generic, …).", path }];
  const findings: Finding[] = [];
  if (!IDENTITY_PROVIDERS.includes(provider)) {
    const near = closest(provider, IDENTITY_PROVIDERS) ?? IDENTITY_PROVIDERS.find((p) => p.toLowerCase() === provider.toLowerCase());
    findings.push({
      message: `identityProvider ${JSON.stringify(provider)} is not one the platform knows${near ? ` (did you mean ${near}?)` : ""}: oauth2, oauth2generic, aad, aadcertificate, facebook, or a first-party provider such as DocuSign. For your own OAuth 2 service use oauth2, or oauth2generic for non-standard token endpoints.`,
      path: [...path, "identityProvider"],
    });
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
