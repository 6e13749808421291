import type { RuleCase } from "../../rule-cases.js";
import { apiPropertiesFile } from "../../rule-cases.js";

const token = (settings: Record<string, unknown>) => apiPropertiesFile({ connectionParameters: { token: { type: "oauthSetting", oAuthSettings: settings } } });
const oauth2 = {
  identityProvider: "oauth2",
  clientId: "${CLIENT_ID}",
  scopes: ["api://widgets/.default offline_access"],
  redirectMode: "Global",
  properties: { IsFirstParty: "False" },
  customParameters: {
    authorizationUrl: { value: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize" },
    tokenUrl: { value: "https://login.microsoftonline.com/common/oauth2/v2.0/token" },
  },
};
const at = ["properties", "connectionParameters", "token", "oAuthSettings"];

export const cases: RuleCase[] = [
  { name: "generic OAuth 2 against Entra ID passes", document: token(oauth2), findings: [] },
  { name: "aad with a resource passes", document: token({ identityProvider: "aad", clientId: "x", customParameters: { resourceUri: { value: "api://widgets" }, tenantId: { value: "common" } } }), findings: [] },
  { name: "a first-party provider passes", document: token({ identityProvider: "DocuSign" }), findings: [] },
  { name: "a lower-case redirect mode passes", document: token({ ...oauth2, redirectMode: "global" }), findings: [] },
  { name: "custom parameters are pp-oauth-custom-parameters'", document: token({ identityProvider: "aad", clientId: "x", customParameters: {} }), findings: [] },
  { name: "an unknown provider", document: token({ ...oauth2, identityProvider: "okta" }), findings: [{ path: [...at, "identityProvider"], message: /not one the platform knows/ }] },
  { name: "a provider in the wrong case", document: token({ ...oauth2, identityProvider: "OAuth2" }), findings: [{ path: [...at, "identityProvider"], message: /did you mean oauth2\?/ }] },
  { name: "IsFirstParty as a boolean", document: token({ ...oauth2, properties: { IsFirstParty: false } }), findings: [{ path: [...at, "properties", "IsFirstParty"] }] },
  { name: "no provider", document: token({ clientId: "x" }), findings: [{ path: at, message: /needs an 'identityProvider'/ }] },
];
