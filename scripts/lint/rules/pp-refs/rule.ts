import { isObject, type JsonPath } from "../../connector/json.js";
import { METHODS } from "../../connector/operations.js";
import { parseLocalRef, refOf, valueAt } from "../../connector/refs.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-refs",
  description: "Parameter $refs point into #/parameters and response $refs into #/responses, one step, no chains.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root) || !isObject(root["paths"])) return [];
    const findings: Finding[] = [];
    const check = (entry: unknown, path: JsonPath, section: "parameters" | "responses"): void => {
      const ref = refOf(entry);
      const target = ref === undefined ? undefined : parseLocalRef(ref);
      if (ref === undefined || target === undefined) return;
      const code = section === "parameters" ? "ParameterReferenceNotValid" : "ResponseReferenceNotValid";
      if (target[0] !== section || target.length !== 2) {
        findings.push({ message: `A ${section === "parameters" ? "parameter" : "response"} $ref must point to #/${section}/<name>, not '${ref}' (${code}).`, path: [...path, "$ref"] });
      } else if (refOf(valueAt(root, target)) !== undefined) {
        findings.push({ message: `'${ref}' is itself a $ref: the platform follows one step only (${section === "parameters" ? "ParameterRefLoopNotAllowed" : code}).`, path: [...path, "$ref"] });
      }
    };
    for (const [template, item] of Object.entries(root["paths"])) {
      if (!isObject(item)) continue;
      const lists: JsonPath[] = [["paths", template]];
      for (const method of METHODS) if (isObject(item[method])) lists.push(["paths", template, method]);
      for (const at of lists) {
        const owner = valueAt(root, at);
        if (!isObject(owner)) continue;
        const parameters = owner["parameters"];
        if (Array.isArray(parameters)) parameters.forEach((p: unknown, i) => check(p, [...at, "parameters", i], "parameters"));
        if (isObject(owner["responses"])) for (const [code, r] of Object.entries(owner["responses"])) check(r, [...at, "responses", code], "responses");
      }
    }
    return findings;
  },
});
