import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

const oauth = (flow = "accessCode") => ({ type: "oauth2", flow, authorizationUrl: "https://login.example.com/authorize", tokenUrl: "https://login.example.com/token", scopes: {} });
const key = { type: "apiKey", name: "x-api-key", in: "header" };

export const cases: RuleCase[] = [
  { name: "one OAuth scheme passes", document: swagger({ securityDefinitions: { oauth: oauth() } }), findings: [] },
  { name: "two api keys pass", document: swagger({ securityDefinitions: { a: key, b: { ...key, in: "query", name: "key" } } }), findings: [] },
  { name: "OAuth and an api key", document: swagger({ securityDefinitions: { oauth: oauth(), key } }), findings: [{ path: ["securityDefinitions", "key"], message: /one kind of authentication/ }] },
  { name: "client credentials", document: swagger({ securityDefinitions: { oauth: { ...oauth("application"), authorizationUrl: undefined } } }), findings: [{ path: ["securityDefinitions", "oauth", "flow"], message: /client-credentials/ }] },
];
