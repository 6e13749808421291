import type { RuleCase } from "../../rule-cases.js";
import { apiPropertiesFile } from "../../rule-cases.js";

const key = (constraints: Record<string, unknown>) =>
  apiPropertiesFile({ connectionParameters: { api_key: { type: "securestring", uiDefinition: { displayName: "API key", constraints } } } });
const at = ["properties", "connectionParameters", "api_key", "uiDefinition", "constraints"];

export const cases: RuleCase[] = [
  { name: "strings pass", document: key({ required: "true", hidden: "false" }), findings: [] },
  { name: "a boolean", document: key({ required: true }), findings: [{ path: [...at, "required"], message: /the string "true" or "false". Accepted connectors write booleans/ }] },
  { name: "a word", document: key({ hidden: "yes" }), findings: [{ path: [...at, "hidden"] }] },
];
