import { isObject, type JsonObject } from "../../connector/json.js";
import { bodyOf, operationsOf } from "../../connector/operations.js";
import { follow } from "../../connector/refs.js";
import { responsesOf } from "../../connector/responses.js";
import { defineRule, type Finding } from "../../rule.js";

const MAX_BYTES = 1024 * 1024;
const MAX_OPERATIONS = 256;
const MAX_BODY_SCHEMAS = 512;
const MAX_OPERATION_SCHEMAS = 16384;

export const rule = defineRule({
  id: "pp-limits",
  description: "The definition stays within Power Platform's limits: under 1 MB, at most 256 operations, 512 schemas per body and 16,384 per operation.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root)) return [];
    const findings: Finding[] = [];
    const bytes = utf8Length(JSON.stringify(root));
    if (bytes >= MAX_BYTES) {
      findings.push({ message: `The published definition is ${(bytes / 1024 / 1024).toFixed(2)} MB as compact JSON; the platform takes less than 1 MB. Split the connector, or remove unused definitions and long examples.`, path: [] });
    }
    const operations = operationsOf(root);
    if (operations.length > MAX_OPERATIONS) {
      findings.push({ message: `The definition has ${operations.length} operations; the platform takes at most ${MAX_OPERATIONS} (TotalOperationsCountExceedsMaxAllowed).`, path: ["paths"] });
    }
    for (const operation of operations) {
      const counter = new SchemaCounter(root, MAX_OPERATION_SCHEMAS + 1);
      const body = bodyOf(operation);
      if (body && isObject(body.parameter["schema"])) {
        const count = new SchemaCounter(root, MAX_BODY_SCHEMAS + 1).count(body.parameter["schema"]);
        if (count > MAX_BODY_SCHEMAS) findings.push({ message: `The body schema expands to more than ${MAX_BODY_SCHEMAS} schemas (BodySchemaCountExceedsMaxAllowed).`, path: [...body.definitionPath, "schema"] });
        counter.count(body.parameter["schema"]);
      }
      for (const response of responsesOf(root, operation)) if (isObject(response.response["schema"])) counter.count(response.response["schema"]);
      if (counter.total > MAX_OPERATION_SCHEMAS) {
        findings.push({ message: `The operation's inputs and outputs expand to more than ${MAX_OPERATION_SCHEMAS} schemas (OperationSchemaCountExceedsMaxAllowed).`, path: operation.path });
      }
    }
    return findings;
  },
});

/** Counts schema objects as the platform expands them: $refs followed, a recursion counted once, stopping at a cap. */
class SchemaCounter {
  total = 0;
  constructor(
    private readonly root: unknown,
    private readonly cap: number,
  ) {}

  count(schema: JsonObject): number {
    this.visit(schema, new Set());
    return this.total;
  }

  private visit(schema: JsonObject, stack: Set<string>): void {
    if (this.total >= this.cap) return;
    const ref = schema["$ref"];
    if (typeof ref === "string") {
      if (stack.has(ref)) return;
      const target = follow(this.root, schema, []);
      if (!target || !isObject(target.value)) return;
      stack.add(ref);
      this.visit(target.value, stack);
      stack.delete(ref);
      return;
    }
    this.total++;
    const children: unknown[] = [
      ...(isObject(schema["properties"]) ? Object.values(schema["properties"]) : []),
      schema["items"],
      schema["additionalProperties"],
      ...(Array.isArray(schema["allOf"]) ? schema["allOf"] : []),
    ];
    for (const child of children) if (isObject(child)) this.visit(child, stack);
  }
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) (bytes += 4), i++;
    else bytes += 3;
  }
  return bytes;
}
