import { isObject, isString, type JsonPath } from "../../connector/json.js";
import { defineRule, type Finding } from "../../rule.js";

const P = "x-ms-apimTemplateParameter.";

/** Required parameters of each policy template (lower-cased id), from Microsoft's schema and policy docs. */
const REQUIRED: Record<string, readonly string[]> = {
  setheader: ["name", "value"],
  setqueryparameter: ["name", "value"],
  dynamichosturl: ["urlTemplate"],
  routerequesttoendpoint: ["newPath"],
  setproperty: ["newPropertyParentPathTemplate", "newPropertySubPathTemplate", "propertyValuePathTemplate"],
  pollingtrigger: ["triggerConfig", "triggerDataPath"],
  stringreplace: ["propertyParentPath", "sourceString", "replacementString", "newPropertyPath"],
  updatenextlink: ["nextLinkPropertyName"],
  convertobjecttoarray: ["propertyParentPath", "newPropertyPath"],
  setvaluefromurl: ["parameterTemplate", "parameterValueUrl", "parameterValuePathTemplate"],
  convertarraytoobject: ["propertyParentPath", "keyWithinCollectionPath", "newPropertyPath"],
};
const EXISTS_ACTIONS = ["override", "skip", "append"];
const SECTIONS = ["Request", "Response", "Failure"];

export const rule = defineRule({
  id: "pp-policy-templates",
  description: "Each policy template instance has a templateId, a title and the parameters its template requires, with valid existsAction and policySection values.",
  severity: "error",
  document: "apiProperties",
  given: "$.properties.policyTemplateInstances",
  check(instances, { path }) {
    if (!Array.isArray(instances)) return [];
    const findings: Finding[] = [];
    instances.forEach((instance: unknown, index) => {
      const at: JsonPath = [...path, index];
      if (!isObject(instance) || !isString(instance["templateId"])) {
        findings.push({ message: "A policy template instance needs a 'templateId'.", path: at });
        return;
      }
      const id = instance["templateId"];
      const parameters = isObject(instance["parameters"]) ? instance["parameters"] : {};
      const missing = (REQUIRED[id.toLowerCase()] ?? []).filter((name) => !isString(parameters[P + name]) && !isObject(parameters[P + name]));
      if (missing.length > 0) {
        findings.push({ message: `The ${id} policy needs ${missing.map((m) => `'${P}${m}'`).join(", ")}.`, path: isObject(instance["parameters"]) ? [...at, "parameters"] : at });
      }
      const exists = parameters[`${P}existsAction`];
      if (exists !== undefined && !EXISTS_ACTIONS.includes(String(exists))) {
        findings.push({ message: `existsAction must be ${EXISTS_ACTIONS.join(", ")}; not ${JSON.stringify(exists)}.`, path: [...at, "parameters", `${P}existsAction`] });
      }
      const section = parameters["x-ms-apimTemplate-policySection"];
      if (section !== undefined && !SECTIONS.includes(String(section))) {
        findings.push({ message: `x-ms-apimTemplate-policySection must be ${SECTIONS.join(", ")}; not ${JSON.stringify(section)}.`, path: [...at, "parameters", "x-ms-apimTemplate-policySection"] });
      }
      const operations = parameters["x-ms-apimTemplate-operationName"];
      if (operations !== undefined && !(Array.isArray(operations) && operations.every(isString))) {
        findings.push({ message: "x-ms-apimTemplate-operationName is a list of operationIds (leave it out to apply the policy to every operation).", path: [...at, "parameters", "x-ms-apimTemplate-operationName"] });
      }
    });
    return findings;
  },
});
