import { isObject, isString, type JsonObject } from "../../connector/json.js";
import { parameterDefinitions } from "../../connector/operations.js";
import { isInputSchema, schemaNodes, typeOf } from "../../connector/schemas.js";
import { defineRule, type Finding } from "../../rule.js";

/** A string needs no maxLength when its values are a fixed list, or bytes rather than text. */
function isBounded(schema: JsonObject): boolean {
  return typeof schema["maxLength"] === "number" || Array.isArray(schema["enum"]) || schema["format"] === "binary";
}

const WHY =
  "Table storage refuses a string over 64 KiB (32,768 UTF-16 characters) and an entity over 1 MiB, so a longer value fails in storage instead of being refused as a 400. Give it a maxLength.";

export const rule = defineRule({
  id: "conduit-stored-string-length",
  description: "Every string a caller sends in a request body (what the function app stores) has a maxLength.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root, { options, source }) {
    // The project's own function app stores what its bodies carry; other connectors' storage is not ours to judge.
    if (!isObject(root) || source === undefined || source !== options.projectSpec) return [];
    const findings: Finding[] = [];
    for (const node of schemaNodes(root)) {
      const { schema } = node;
      if (typeOf(schema) !== "string" || isBounded(schema) || schema["readOnly"] === true || !isInputSchema(root, node)) continue;
      const name = node.property ?? (isString(node.path[1]) ? node.path[1] : "the body");
      findings.push({ message: `'${name}' is a string callers send with no maxLength. ${WHY}`, path: node.path });
    }
    for (const { path, parameter } of parameterDefinitions(root)) {
      if (parameter["in"] !== "formData" || parameter["type"] !== "string" || isBounded(parameter)) continue;
      findings.push({ message: `form field '${String(parameter["name"])}' is a string callers send with no maxLength. ${WHY}`, path });
    }
    return findings;
  },
});
