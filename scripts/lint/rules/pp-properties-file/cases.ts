import type { RuleCase } from "../../rule-cases.js";
import { apiPropertiesFile } from "../../rule-cases.js";

const key = (extra: Record<string, unknown>) => apiPropertiesFile({ connectionParameters: { api_key: { type: "securestring", uiDefinition: { displayName: "API key", constraints: { required: "true" } }, ...extra } } });

export const cases: RuleCase[] = [
  { name: "a plain file passes", document: apiPropertiesFile(), findings: [] },
  { name: "an api key parameter passes", document: key({}), findings: [] },
  { name: "conduit's own block passes (bundle strips it)", document: { conduit: { host: "${CONDUIT_HOST}" }, ...apiPropertiesFile() }, findings: [] },
  { name: "a key beside properties", document: { ...apiPropertiesFile(), publisher: "Contoso" }, findings: [{ path: ["publisher"], message: /goes under 'properties'/ }] },
  { name: "no colour", document: apiPropertiesFile({ iconBrandColor: undefined }), findings: [{ path: ["properties"], message: /'iconBrandColor' is required/ }] },
  { name: "a colour name", document: apiPropertiesFile({ iconBrandColor: "blue" }), findings: [{ path: ["properties", "iconBrandColor"], message: /#RRGGBB/ }] },
  { name: "an unknown parameter type", document: key({ type: "password" }), findings: [{ path: ["properties", "connectionParameters", "api_key", "type"], message: /not one of/ }] },
  {
    name: "a boolean constraint is pp-properties-constraints'",
    document: key({ uiDefinition: { constraints: { required: true } } }),
    findings: [],
  },
];
