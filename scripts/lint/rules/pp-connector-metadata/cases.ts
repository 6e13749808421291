import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

const metadata = (categories: string, website = "https://contoso.example.com") =>
  swagger({
    "x-ms-connector-metadata": [
      { propertyName: "Website", propertyValue: website },
      { propertyName: "Privacy policy", propertyValue: "https://contoso.example.com/privacy" },
      { propertyName: "Categories", propertyValue: categories },
    ],
  });
const { "x-ms-connector-metadata": _omitted, ...bare } = swagger();

export const cases: RuleCase[] = [
  { name: "two known categories pass", document: metadata("Productivity;Business Management"), findings: [] },
  { name: "spaces around ';' pass", document: metadata("AI; Data"), findings: [] },
  { name: "missing altogether", document: bare, findings: [{ path: [], message: /'x-ms-connector-metadata' property is required/ }] },
  { name: "three categories", document: metadata("AI;Data;Finance"), findings: [{ path: ["x-ms-connector-metadata", 2, "propertyValue"], message: /at most 2/ }] },
  { name: "a misspelt category", document: metadata("Productivty"), findings: [{ path: ["x-ms-connector-metadata", 2, "propertyValue"], message: /did you mean 'Productivity'/ }] },
  { name: "a website that is not a URL", document: metadata("AI", "contoso"), findings: [{ path: ["x-ms-connector-metadata", 0, "propertyValue"], message: /web address/ }] },
  {
    name: "no privacy policy",
    document: swagger({ "x-ms-connector-metadata": [{ propertyName: "Website", propertyValue: "https://contoso.example.com" }, { propertyName: "Categories", propertyValue: "AI" }] }),
    findings: [{ path: ["x-ms-connector-metadata"], message: /missing 'Privacy policy'/ }],
  },
];
