import { isObject, isString, type JsonObject, type JsonPath } from "../../connector/json.js";
import { placedObjects } from "../../connector/places.js";
import { defineRule, type Finding } from "../../rule.js";

type Check = (value: unknown, path: JsonPath, owner: JsonObject) => Finding[];

const oneOf = (key: string, allowed: readonly string[]): Check => (value, path) =>
  isString(value) && allowed.includes(value)
    ? []
    : [{ message: `${key} must be ${allowed.map((a) => `'${a}'`).join(" or ")}${isString(value) && allowed.includes(value.toLowerCase()) ? ` (lower case: '${value.toLowerCase()}')` : ""}, not ${JSON.stringify(value)}: the platform ignores other values.`, path }];
const boolean = (key: string): Check => (value, path) => (typeof value === "boolean" ? [] : [{ message: `${key} must be true or false, not ${JSON.stringify(value)}.`, path }]);
const text = (key: string): Check => (value, path) => (isString(value) && value.trim() !== "" ? [] : [{ message: `${key} must be a non-empty string.`, path }]);

const annotation: Check = (value, path, owner) => {
  if (!isObject(value)) return [{ message: "x-ms-api-annotation must be an object.", path }];
  const findings: Finding[] = [];
  if ("status" in value) findings.push(...oneOf("x-ms-api-annotation.status", ["Preview", "Production"])(value["status"], [...path, "status"], owner));
  if ("revision" in value && !(Number.isInteger(value["revision"]) && (value["revision"] as number) >= 1)) {
    findings.push({ message: "x-ms-api-annotation.revision must be a whole number from 1.", path: [...path, "revision"] });
  }
  const replacement = value["replacement"];
  if (replacement !== undefined && (!isObject(replacement) || !isString(replacement["api"]) || !isString(replacement["operationId"]))) {
    findings.push({ message: "x-ms-api-annotation.replacement needs both 'api' and 'operationId'.", path: [...path, "replacement"] });
  } else if (replacement !== undefined && owner["deprecated"] !== true) {
    findings.push({ message: "x-ms-api-annotation.replacement is allowed only on a deprecated operation (deprecated: true).", path: [...path, "replacement"] });
  }
  return findings;
};

const pageable: Check = (value, path) => {
  const name = isObject(value) ? value["nextLinkName"] : undefined;
  if (name === "nextLink" || name === "@odata.nextLink") return [];
  return [{ message: `x-ms-pageable.nextLinkName must be 'nextLink' or '@odata.nextLink', not ${JSON.stringify(name)} (InvalidNextLinkNameValue).`, path: isObject(value) && "nextLinkName" in value ? [...path, "nextLinkName"] : path }];
};

const CHECKS: Record<string, Check> = {
  "x-ms-visibility": oneOf("x-ms-visibility", ["important", "advanced", "internal"]),
  "x-ms-media-kind": oneOf("x-ms-media-kind", ["image", "audio"]),
  "x-ms-summary": text("x-ms-summary"),
  "x-ms-trigger-hint": text("x-ms-trigger-hint"),
  "x-ms-safe-operation": boolean("x-ms-safe-operation"),
  "x-ms-no-generic-test": boolean("x-ms-no-generic-test"),
  "x-ms-notification-url": boolean("x-ms-notification-url"),
  "x-ms-localizeDefaultValue": boolean("x-ms-localizeDefaultValue"),
  "x-ms-require-user-confirmation": boolean("x-ms-require-user-confirmation"),
  "x-ms-api-annotation": annotation,
  "x-ms-pageable": pageable,
};

export const rule = defineRule({
  id: "pp-extension-value",
  description: "Extensions hold values of the kind the platform reads: known keywords in lower case, booleans, objects with their fields.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const { path, object } of placedObjects(root)) {
      for (const [key, check] of Object.entries(CHECKS)) {
        if (key in object) findings.push(...check(object[key], [...path, key], object));
      }
    }
    return findings;
  },
});
