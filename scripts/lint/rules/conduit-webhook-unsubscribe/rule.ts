import { unsubscribeOf, webhookTriggers } from "../../connector/webhooks.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "conduit-webhook-unsubscribe",
  description: "Each webhook trigger of the project has its DELETE under its path or beside it, so that conduit generates its unsubscribe and Location.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root, { options, source }) {
    if (source === undefined || source !== options.projectSpec) return [];
    const findings: Finding[] = [];
    for (const trigger of webhookTriggers(root)) {
      if (unsubscribeOf(root, trigger) !== undefined) continue;
      const parent = trigger.template.replace(/\/[^/]*$/, "");
      findings.push({
        message: `conduit pairs a webhook trigger with the DELETE at ${trigger.template}/{id} or ${parent || ""}/{id} (its other path variables the trigger's own); with neither, the generated subscribe answers without Location and nothing unsubscribes. Add one of them.`,
        path: trigger.path,
      });
    }
    return findings;
  },
});
