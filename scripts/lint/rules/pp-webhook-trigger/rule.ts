import { isObject } from "../../connector/json.js";
import { operationsById, operationsOf } from "../../connector/operations.js";
import { valueAt } from "../../connector/refs.js";
import { isWebhook, notificationUrls } from "../../connector/webhooks.js";
import { defineRule, type Finding } from "../../rule.js";

export const rule = defineRule({
  id: "pp-webhook-trigger",
  description: "A webhook trigger has x-ms-notification-content on its path and a body property marked x-ms-notification-url; x-ms-notification points at a webhook.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    const findings: Finding[] = [];
    const byId = operationsById(root);
    for (const operation of operationsOf(root)) {
      const notification = operation.operation["x-ms-notification"];
      if (isObject(notification) && typeof notification["operationId"] === "string") {
        const target = byId.get(notification["operationId"])?.[0];
        if (isWebhook(root, operation)) {
          findings.push({ message: "x-ms-notification is for polling triggers and actions, not for a webhook trigger.", path: [...operation.path, "x-ms-notification"] });
        } else if (target && !isWebhook(root, target)) {
          findings.push({ message: `x-ms-notification must point at a webhook trigger; '${notification["operationId"]}' is not one.`, path: [...operation.path, "x-ms-notification", "operationId"] });
        }
      }
      if (!("x-ms-trigger" in operation.operation) || !isWebhook(root, operation)) continue;
      const item = valueAt(root, ["paths", operation.template]);
      if (!isObject(item) || !isObject(item["x-ms-notification-content"])) {
        findings.push({ message: "A webhook trigger needs x-ms-notification-content on its path item, with the schema of what the webhook delivers (OperationMustHaveNotificationContentExtension).", path: operation.path });
      }
      const urls = notificationUrls(root, operation);
      if (urls.length === 0) {
        findings.push({ message: "A webhook trigger needs a body property marked x-ms-notification-url: true, where the platform puts its callback URL (WebhookOperationsMissingNotificationUrlProperty).", path: operation.path });
      }
    }
    return findings;
  },
});

