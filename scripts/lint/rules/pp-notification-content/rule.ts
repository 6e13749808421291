import { isObject } from "../../connector/json.js";
import { valueAt } from "../../connector/refs.js";
import { webhookTriggers } from "../../connector/webhooks.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-notification-content",
  description: "A webhook trigger's x-ms-notification-content gives the schema of the event it sends.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const trigger of webhookTriggers(root)) {
      const content = valueAt(root, ["paths", trigger.template, "x-ms-notification-content"]);
      if (!isObject(content) || isObject(content["schema"]) || seen.has(trigger.template)) continue;
      seen.add(trigger.template);
      findings.push({
        message: "x-ms-notification-content has no schema: flows get the event as one opaque body, and the API cannot check what it sends. Describe the event under schema.",
        path: ["paths", trigger.template, "x-ms-notification-content"],
      });
    }
    return findings;
  },
});
