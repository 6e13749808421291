import { isObject } from "../../connector/json.js";
import { follow } from "../../connector/refs.js";
import { webhookTriggers } from "../../connector/webhooks.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-webhook-response",
  description: "A webhook trigger answers a subscription with 201 and a Location header, the address Power Automate deletes to unsubscribe.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const trigger of webhookTriggers(root)) {
      const responses = trigger.operation["responses"];
      const at = [...trigger.path, "responses"];
      const created = isObject(responses) ? follow(root, responses["201"], [...at, "201"]) : undefined;
      if (created === undefined || !isObject(created.value)) {
        findings.push({
          message: "A webhook trigger should answer 201 (Created) with a Location header: Power Automate calls DELETE on that Location when the flow is turned off or deleted.",
          path: isObject(responses) ? at : trigger.path,
        });
        continue;
      }
      const headers = created.value["headers"];
      const location = isObject(headers) && Object.keys(headers).some((name) => name.toLowerCase() === "location");
      if (!location) {
        findings.push({
          message: "The 201 answer of a webhook trigger should declare a Location header: Power Automate calls DELETE on it to unsubscribe; without it subscriptions outlive their flows.",
          path: created.path,
        });
      }
    }
    return findings;
  },
});
