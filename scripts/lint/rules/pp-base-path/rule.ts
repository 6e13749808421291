import { isObject, isString } from "../../connector/json.js";
import { defineRule } from "../../rule.js";

export const rule = defineRule({
  id: "pp-base-path",
  description: "basePath, when given, starts with '/' and has no query, fragment or template.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root) || !("basePath" in root)) return [];
    const basePath = root["basePath"];
    if (!isString(basePath) || !basePath.startsWith("/") || /[?#{}\s]/.test(basePath)) {
      return [{ message: "'basePath' should start with '/' and hold only path segments, e.g. /api: documented as BasePathNotValid; an accepted connector has it, but the URL the platform builds from it is not the one meant.", path: ["basePath"] }];
    }
    return [];
  },
});
