import type { RuleCase } from "../../rule-cases.js";
import { apiPropertiesFile } from "../../rule-cases.js";

const token = (settings: Record<string, unknown>) => apiPropertiesFile({ connectionParameters: { token: { type: "oauthSetting", oAuthSettings: settings } } });
const oauth2 = {
  identityProvider: "oauth2",
  customParameters: {
    authorizationUrl: { value: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize" },
    tokenUrl: { value: "https://login.microsoftonline.com/common/oauth2/v2.0/token" },
  },
};
const at = ["properties", "connectionParameters", "token", "oAuthSettings"];

export const cases: RuleCase[] = [
  { name: "generic OAuth 2 passes", document: token(oauth2), findings: [] },
  { name: "aad with a resource passes", document: token({ identityProvider: "aad", customParameters: { resourceUri: { value: "api://widgets" } } }), findings: [] },
  { name: "aad without a resource", document: token({ identityProvider: "aad", customParameters: {} }), findings: [{ path: at, message: /has no customParameters\.resourceUri; accepted connectors have it/ }] },
  { name: "an aad parameter on oauth2", document: token({ ...oauth2, customParameters: { ...oauth2.customParameters, resourceUri: { value: "x" } } }), findings: [{ path: [...at, "customParameters", "resourceUri"], message: /does not read/ }] },
  { name: "a parameter in the wrong case", document: token({ identityProvider: "oauth2generic", customParameters: { TokenUrlTemplate: { value: "x" } } }), findings: [{ path: [...at, "customParameters", "TokenUrlTemplate"], message: /it reads tokenUrlTemplate, spelt so/ }] },
  { name: "a bare custom parameter", document: token({ ...oauth2, customParameters: { ...oauth2.customParameters, refreshUrl: "https://x" } }), findings: [{ path: [...at, "customParameters", "refreshUrl"], message: /\{ "value": "…" \}/ }] },
];
