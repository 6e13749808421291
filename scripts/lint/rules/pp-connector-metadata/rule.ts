import { isObject, isString, type JsonPath } from "../../connector/json.js";
import { closest } from "../../connector/text.js";
import { defineRule, type Finding } from "../../rule.js";

const REQUIRED = ["Website", "Privacy policy", "Categories"] as const;
export const CATEGORIES = [
  "AI", "Business Management", "Business Intelligence", "Collaboration", "Commerce", "Communication", "Content and Files",
  "Finance", "Data", "Human Resources", "Internet of Things", "IT Operations", "Lifestyle and Entertainment", "Marketing",
  "Productivity", "Sales and CRM", "Security", "Social Media", "Website",
] as const;
const MAX_CATEGORIES = 2;

export const rule = defineRule({
  id: "pp-connector-metadata",
  description: "x-ms-connector-metadata lists Website, Privacy policy and at most two known Categories.",
  severity: "warn",
  certification: true,
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root)) return [];
    const metadata = root["x-ms-connector-metadata"];
    const at: JsonPath = ["x-ms-connector-metadata"];
    if (!Array.isArray(metadata)) {
      return [{ message: `The 'x-ms-connector-metadata' property is required: an array of { propertyName, propertyValue } with ${REQUIRED.join(", ")}.`, path: metadata === undefined ? [] : at }];
    }
    const findings: Finding[] = [];
    const seen = new Map<string, number>();
    metadata.forEach((entry: unknown, index) => {
      const name = isObject(entry) ? entry["propertyName"] : undefined;
      const value = isObject(entry) ? entry["propertyValue"] : undefined;
      if (!isString(name) || !isString(value) || value.trim() === "") {
        findings.push({ message: "Each entry needs a 'propertyName' and a non-empty string 'propertyValue'.", path: [...at, index] });
        return;
      }
      seen.set(name.toLowerCase(), index);
      if (name === "Categories") findings.push(...checkCategories(value, [...at, index, "propertyValue"]));
      if ((name === "Website" || name === "Privacy policy") && !/^https?:\/\/\S+$/.test(value)) {
        findings.push({ message: `'${name}' must be a web address (https://…).`, path: [...at, index, "propertyValue"] });
      }
    });
    const missing = REQUIRED.filter((name) => !seen.has(name.toLowerCase()));
    if (missing.length > 0) findings.push({ message: `x-ms-connector-metadata is missing ${missing.map((m) => `'${m}'`).join(", ")} (ConnectorMetadataPropertiesMissing).`, path: at });
    return findings;
  },
});

function checkCategories(value: string, path: JsonPath): Finding[] {
  const categories = value.split(";").map((c) => c.trim()).filter((c) => c !== "");
  const findings: Finding[] = [];
  if (categories.length > MAX_CATEGORIES) findings.push({ message: `Give at most ${MAX_CATEGORIES} categories, separated by ';' (TooManyConnectorCategories).`, path });
  for (const category of categories) {
    if ((CATEGORIES as readonly string[]).includes(category)) continue;
    const suggestion = closest(category, CATEGORIES);
    findings.push({ message: `'${category}' is not a connector category (InvalidConnectorCategory)${suggestion ? `; did you mean '${suggestion}'?` : `; use one of: ${CATEGORIES.join(", ")}.`}`, path });
  }
  return findings;
}
