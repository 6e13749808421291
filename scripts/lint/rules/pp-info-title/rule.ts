import { isObject, isString } from "../../connector/json.js";
import { PRODUCT_NAMES, TITLE_RESTRICTED_WORDS, wordsIn } from "../../connector/text.js";
import { defineRule, type Finding } from "../../rule.js";

const MAX_LENGTH = 30;

export const rule = defineRule({
  id: "pp-info-title",
  description: "info.title is at most 30 characters, ends with a letter or digit, and names no product or restricted word.",
  severity: "warn",
  certification: true,
  document: "swagger",
  given: "$.info",
  check(info, { path }) {
    if (!isObject(info) || !isString(info["title"])) return [];
    const title = info["title"];
    const at = [...path, "title"];
    const findings: Finding[] = [];
    if (title.length > MAX_LENGTH) {
      findings.push({ message: `The 'title' value goes over the character limit '${MAX_LENGTH}' (${title.length} characters; FieldLengthExceeded).`, path: at });
    }
    const restricted = [...wordsIn(title, TITLE_RESTRICTED_WORDS), ...wordsIn(title, PRODUCT_NAMES)];
    if (restricted.length > 0) {
      findings.push({ message: `The 'title' value contains restricted words: '${restricted.join(", ")}' (ValueContainsRestrictedWords); name the service, not the kind of thing it is.`, path: at });
    }
    if (title.length > 0 && !/[\p{L}\p{N}]$/u.test(title)) {
      findings.push({ message: "The 'title' value must end with a letter or digit (ValueMustEndWithAlphanumeric).", path: at });
    }
    return findings;
  },
});
