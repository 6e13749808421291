import type { RuleCase } from "../../rule-cases.js";
import { apiPropertiesFile } from "../../rule-cases.js";

const header = (name: string, value: string) =>
  apiPropertiesFile({ policyTemplateInstances: [{ templateId: "setheader", title: "Key", parameters: { "x-ms-apimTemplateParameter.name": name, "x-ms-apimTemplateParameter.value": value } }] });
const secret = (clientSecret: string) => apiPropertiesFile({ connectionParameters: { token: { type: "oauthSetting", oAuthSettings: { identityProvider: "oauth2", clientId: "id", clientSecret } } } });

export const cases: RuleCase[] = [
  { name: "a placeholder function key passes", document: header("x-functions-key", "${CONDUIT_FUNCTION_KEY}"), findings: [] },
  { name: "a key from a connection parameter passes", document: header("x-functions-key", "@connectionParameters('functionKey')"), findings: [] },
  { name: "a harmless header passes", document: header("Accept", "application/json"), findings: [] },
  { name: "a placeholder client secret passes", document: secret("${CLIENT_SECRET}"), findings: [] },
  {
    name: "placeholders in conduit's block pass",
    document: { conduit: { signIn: { clientSecret: "${CONDUIT_CLIENT_SECRET}" }, functionKey: { source: "connection", value: "${CONDUIT_FUNCTION_KEY:-}" } }, ...apiPropertiesFile() },
    findings: [],
  },
  {
    name: "a literal function key in conduit's block",
    document: { conduit: { functionKey: { source: "static", value: "aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5zA7bC9==" } }, ...apiPropertiesFile() },
    findings: [{ path: ["conduit", "functionKey", "value"], message: /literal secret in a committed file/ }],
  },
  { name: "a literal function key", document: header("x-functions-key", "aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5zA7bC9=="), findings: [{ path: ["properties", "policyTemplateInstances", 0, "parameters", "x-ms-apimTemplateParameter.value"], message: /literal value/ }] },
  { name: "a literal bearer token", document: header("Authorization", "Bearer abc123"), findings: [{ path: ["properties", "policyTemplateInstances", 0, "parameters", "x-ms-apimTemplateParameter.value"] }] },
  { name: "a literal client secret", document: secret("s3cr3t~value"), findings: [{ path: ["properties", "connectionParameters", "token", "oAuthSettings", "clientSecret"], message: /literal secret/ }] },
];
