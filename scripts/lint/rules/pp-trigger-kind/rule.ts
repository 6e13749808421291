import { operationsOf } from "../../connector/operations.js";
import { defineRule, type Finding } from "../../rule.js";

const KINDS = ["single", "batch"];

export const rule = defineRule({
  id: "pp-trigger-kind",
  description: "x-ms-trigger is single or batch.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const operation of operationsOf(root)) {
      if (!("x-ms-trigger" in operation.operation)) continue;
      const kind = operation.operation["x-ms-trigger"];
      if (typeof kind === "string" && KINDS.includes(kind)) continue;
      const lower = typeof kind === "string" && KINDS.includes(kind.toLowerCase()) ? ` (lower case: '${kind.toLowerCase()}')` : "";
      findings.push({ message: `x-ms-trigger must be 'single' (one item per run) or 'batch' (an array), not ${JSON.stringify(kind)}${lower}: the platform does not make the operation a trigger otherwise.`, path: [...operation.path, "x-ms-trigger"] });
    }
    return findings;
  },
});
