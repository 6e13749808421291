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
  { name: "a lower-case redirect mode passes", document: token({ ...oauth2, redirectMode: "global" }), findings: [] },
  { name: "aad without a resource", document: token({ identityProvider: "aad", clientId: "x", customParameters: {} }), findings: [{ path: at, message: /needs customParameters\.resourceUri/ }] },
  { name: "an aad parameter on oauth2", document: token({ ...oauth2, customParameters: { ...oauth2.customParameters, resourceUri: { value: "x" } } }), findings: [{ path: [...at, "customParameters", "resourceUri"], message: /does not read/ }] },
  { name: "a bare custom parameter", document: token({ ...oauth2, customParameters: { ...oauth2.customParameters, refreshUrl: "https://x" } }), findings: [{ path: [...at, "customParameters", "refreshUrl"], message: /\{ "value": "…" \}/ }] },
  { name: "IsFirstParty as a boolean", document: token({ ...oauth2, properties: { IsFirstParty: false } }), findings: [{ path: [...at, "properties", "IsFirstParty"] }] },
  { name: "no provider", document: token({ clientId: "x" }), findings: [{ path: at, message: /needs an 'identityProvider'/ }] },
];
