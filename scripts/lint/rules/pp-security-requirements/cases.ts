import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

const oauth = { type: "oauth2", flow: "accessCode", authorizationUrl: "https://login.example.com/authorize", tokenUrl: "https://login.example.com/token", scopes: { "widgets.read": "Read widgets." } };
const key = { type: "apiKey", name: "x-api-key", in: "header" };

export const cases: RuleCase[] = [
  { name: "a defined scope passes", document: swagger({ securityDefinitions: { oauth }, security: [{ oauth: ["widgets.read"] }] }), findings: [] },
  { name: "an api key with [] passes", document: swagger({ securityDefinitions: { key }, security: [{ key: [] }] }), findings: [] },
  { name: "an undefined OAuth scope is pp-oauth-scopes'", document: swagger({ securityDefinitions: { oauth }, security: [{ oauth: ["widgets.write"] }] }), findings: [] },
  { name: "scopes on an api key", document: swagger({ securityDefinitions: { key }, security: [{ key: ["read"] }] }), findings: [{ path: ["security", 0, "key"], message: /SecurityRequirementMustHaveEmptyValue/ }] },
];
