import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

export const cases: RuleCase[] = [
  { name: "a host name passes", document: swagger(), findings: [] },
  { name: "a host with a port passes", document: swagger({ host: "localhost:7071" }), findings: [] },
  { name: "a scheme is pp-host's", document: swagger({ host: "https://contoso.example.com" }), findings: [] },
  { name: "with a path", document: swagger({ host: "contoso.example.com/api" }), findings: [{ path: ["host"], message: /holds a path: documented as HostNameNotValid; accepted connectors have it/ }] },
  { name: "a placeholder", document: swagger({ host: "{{replace_with_your_domain}}" }), findings: [{ path: ["host"], message: /placeholder/ }] },
];
