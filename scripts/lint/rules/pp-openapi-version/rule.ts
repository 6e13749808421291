import { isObject } from "../../connector/json.js";
import { defineRule } from "../../rule.js";

export const rule = defineRule({
  id: "pp-openapi-version",
  description: "A connector definition is OpenAPI 2.0 (\"swagger\": \"2.0\"); Power Platform refuses OpenAPI 3.",
  severity: "error",
  document: "openapi3",
  given: "$",
  check(root) {
    if (!isObject(root)) return [];
    const version = root["openapi"];
    return [
      {
        message: `This is OpenAPI ${String(version)}; Power Platform connectors take OpenAPI 2.0 only (SpecificationVersionIncorrect). Convert it to Swagger 2.0 ("swagger": "2.0").`,
        path: ["openapi"],
      },
    ];
  },
});
