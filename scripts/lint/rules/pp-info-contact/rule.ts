import { isObject, isString } from "../../connector/json.js";
import { defineRule, type Finding } from "../../rule.js";

const FIELDS = ["name", "url", "email"] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const rule = defineRule({
  id: "pp-info-contact",
  description: "info.contact gives the publisher's name, url and a valid email address.",
  severity: "warn",
  certification: true,
  document: "swagger",
  given: "$.info",
  check(info, { path }) {
    if (!isObject(info)) return [];
    const contact = info["contact"];
    if (!isObject(contact)) {
      return [{ message: "The 'contact' property is required: give the name, url and email of whoever supports the connector.", path: "contact" in info ? [...path, "contact"] : path }];
    }
    const findings: Finding[] = [];
    const missing = FIELDS.filter((field) => !isString(contact[field]) || contact[field] === "");
    if (missing.length > 0) findings.push({ message: `info.contact needs ${missing.map((f) => `'${f}'`).join(" and ")}.`, path: [...path, "contact"] });
    const email = contact["email"];
    if (isString(email) && email !== "" && !EMAIL.test(email)) {
      findings.push({ message: `'${email}' is not an email address (ContactEmailNotValid).`, path: [...path, "contact", "email"] });
    }
    return findings;
  },
});
