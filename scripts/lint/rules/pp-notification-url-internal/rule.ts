import { operationsOf } from "../../connector/operations.js";
import { isWebhook, notificationUrls } from "../../connector/webhooks.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-notification-url-internal",
  description: "A webhook's x-ms-notification-url property is internal, itself or through an object around it.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    for (const operation of operationsOf(root)) {
      if (!isWebhook(root, operation)) continue;
      for (const url of notificationUrls(root, operation)) {
        if (url.internal) continue;
        findings.push({
          message: "The x-ms-notification-url property must be x-ms-visibility: internal (itself or an object around it): the platform fills the callback URL in, and makers must not see or change it.",
          path: url.path,
        });
      }
    }
    return findings;
  },
});
