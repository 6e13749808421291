import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

const { host: _omitted, ...hostless } = swagger();

export const cases: RuleCase[] = [
  { name: "a host name passes", document: swagger(), findings: [] },
  { name: "a host with a port passes", document: swagger({ host: "localhost:7071" }), findings: [] },
  { name: "a path is pp-host-name's", document: swagger({ host: "contoso.example.com/api" }), findings: [] },
  { name: "missing", document: hostless, findings: [{ path: [], message: /'host' is required/ }] },
  { name: "with a scheme", document: swagger({ host: "https://contoso.example.com" }), findings: [{ path: ["host"], message: /put the scheme in 'schemes'/ }] },
  { name: "with a space", document: swagger({ host: "contoso example.com" }), findings: [{ path: ["host"], message: /HostNameNotValid/ }] },
];
