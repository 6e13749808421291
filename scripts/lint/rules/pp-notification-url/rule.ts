import { operationsOf } from "../../connector/operations.js";
import { isWebhook, notificationUrls } from "../../connector/webhooks.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-notification-url",
  description: "A webhook's x-ms-notification-url property is a string, required through every object around it.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const operation of operationsOf(root)) {
      if (!isWebhook(root, operation)) continue;
      for (const url of notificationUrls(root, operation)) {
        const problems = [
          ...(url.schema["type"] === "string" ? [] : ["type: string"]),
          ...(url.required ? [] : ["required (with the body and each object around it)"]),
        ];
        if (problems.length > 0) findings.push({ message: `The x-ms-notification-url property should be ${problems.join(", ")}: the platform always fills it in, and a backend must always receive it.`, path: url.path });
      }
    }
    return findings;
  },
});
