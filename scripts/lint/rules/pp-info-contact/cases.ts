import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

const info = swagger()["info"] as Record<string, unknown>;
const withContact = (contact: unknown) => swagger({ info: { ...info, contact } });
const { contact: _omitted, ...noContact } = info;

export const cases: RuleCase[] = [
  { name: "name, url and email pass", document: swagger(), findings: [] },
  { name: "no contact", document: swagger({ info: noContact }), findings: [{ path: ["info"], message: /'contact' property is required/ }] },
  { name: "contact without url", document: withContact({ name: "Contoso", email: "a@contoso.example.com" }), findings: [{ path: ["info", "contact"], message: /needs 'url'/ }] },
  {
    name: "an email that is not one",
    document: withContact({ name: "Contoso", url: "https://contoso.example.com", email: "support at contoso" }),
    findings: [{ path: ["info", "contact", "email"], message: /ContactEmailNotValid/ }],
  },
];
