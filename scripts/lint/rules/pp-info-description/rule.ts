import { isObject, isString } from "../../connector/json.js";
import { PRODUCT_NAMES, wordsIn } from "../../connector/text.js";
import { defineRule, type Finding } from "../../rule.js";

const MIN_LENGTH = 30;
const MAX_LENGTH = 500;

export const rule = defineRule({
  id: "pp-info-description",
  description: "info.description is present, 30 to 500 characters long, and names no Power Platform product.",
  severity: "warn",
  certification: true,
  document: "swagger",
  given: "$.info",
  check(info, { path }) {
    if (!isObject(info)) return [];
    const description = info["description"];
    if (!isString(description) || description.trim() === "") {
      return [{ message: "The 'description' property is required: paconn fails without it, and certification refuses it. Describe the service in 30 to 500 characters.", path: isString(description) ? [...path, "description"] : path }];
    }
    const at = [...path, "description"];
    const findings: Finding[] = [];
    if (description.length < MIN_LENGTH || description.length > MAX_LENGTH) {
      findings.push({ message: `The 'description' value must be between '${MIN_LENGTH}' and '${MAX_LENGTH}' characters (it has ${description.length}; FieldLengthNotInRange).`, path: at });
    }
    const products = wordsIn(description, PRODUCT_NAMES);
    if (products.length > 0) {
      findings.push({ message: `The 'description' value contains restricted words: '${products.join(", ")}' (ValueContainsRestrictedWords); describe the service itself.`, path: at });
    }
    return findings;
  },
});
