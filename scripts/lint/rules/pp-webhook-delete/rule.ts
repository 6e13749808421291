import { operationsOf } from "../../connector/operations.js";
import { unsubscribeOf, webhookTriggers } from "../../connector/webhooks.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-webhook-delete",
  description: "A definition with webhook triggers declares the DELETE that unsubscribes them, hidden from makers.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    const triggers = webhookTriggers(root);
    if (triggers.length === 0) return findings;
    if (!operationsOf(root).some((o) => o.method === "delete")) {
      for (const trigger of triggers) {
        findings.push({
          message: "This webhook trigger has no DELETE in the definition to unsubscribe it: declare the DELETE that its 201's Location points at, so the platform can remove the subscription when the flow goes.",
          path: trigger.path,
        });
      }
      return findings;
    }
    const reported = new Set<string>();
    for (const trigger of triggers) {
      const unsubscribe = unsubscribeOf(root, trigger);
      if (unsubscribe === undefined || unsubscribe.operation["x-ms-visibility"] === "internal" || reported.has(unsubscribe.template)) continue;
      reported.add(unsubscribe.template);
      findings.push({
        message: `The DELETE that unsubscribes ${trigger.operationId ?? trigger.template} should be x-ms-visibility: internal: only the platform calls it, and makers would see it as an action.`,
        path: "x-ms-visibility" in unsubscribe.operation ? [...unsubscribe.path, "x-ms-visibility"] : unsubscribe.path,
      });
    }
    return findings;
  },
});
