import { isObject, isString } from "../../connector/json.js";
import { operationsById } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-test-connection",
  description: "x-ms-capabilities.testConnection names an internal GET that can be called with no parameters or only the fixed ones it gives.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root)) return [];
    const capabilities = root["x-ms-capabilities"];
    const test = isObject(capabilities) ? capabilities["testConnection"] : undefined;
    if (!isObject(test) || !isString(test["operationId"])) return [];
    // An operationId that names nothing is pp-dynamic-operation's finding.
    const operation = operationsById(root).get(test["operationId"])?.[0];
    if (operation === undefined) return [];
    const at = ["x-ms-capabilities", "testConnection"];
    const findings: Finding[] = [];
    if (operation.method !== "get") {
      findings.push({ message: `The test connection operation ${test["operationId"]} is a ${operation.method.toUpperCase()}: it must be a GET, which the platform calls when a connection is made.`, path: [...at, "operationId"] });
    }
    const given = isObject(test["parameters"]) ? test["parameters"] : {};
    const missing = operation.parameters
      .filter((p) => p.parameter["required"] === true && p.parameter["default"] === undefined && !(p.name !== undefined && p.name in given))
      .map((p) => p.name ?? "?");
    if (missing.length > 0) {
      findings.push({
        message: `The test connection operation needs ${missing.join(", ")}, which the platform cannot supply: give each a default, or a fixed value in testConnection.parameters.`,
        path: [...at, "operationId"],
      });
    }
    if (operation.operation["x-ms-visibility"] !== "internal") {
      findings.push({
        message: `The test connection operation ${test["operationId"]} should be x-ms-visibility: internal unless makers use it as an action too; Microsoft's guide asks it be hidden.`,
        path: "x-ms-visibility" in operation.operation ? [...operation.path, "x-ms-visibility"] : operation.path,
      });
    }
    return findings;
  },
});
