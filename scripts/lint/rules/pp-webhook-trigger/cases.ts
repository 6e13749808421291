import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const callback = (extra: Record<string, unknown> = {}) => ({ type: "string", "x-ms-notification-url": true, "x-ms-visibility": "internal", ...extra });
const webhook = (schema: unknown, content = true) =>
  swagger({
    paths: {
      "/hooks": {
        ...(content ? { "x-ms-notification-content": { schema: { type: "object", properties: { id: { type: "string" } } } } } : {}),
        post: listWidgets({
          operationId: "WhenAWidgetIsCreated",
          summary: "When a widget is created",
          "x-ms-trigger": "single",
          parameters: [{ name: "body", in: "body", required: true, schema }],
          responses: { "201": { description: "Subscribed." } },
        }),
      },
    },
  });
const flat = (property: unknown, required = ["callbackUrl"]) => ({ type: "object", required, properties: { callbackUrl: property } });
const at = ["paths", "/hooks", "post"];

export const cases: RuleCase[] = [
  { name: "a required, internal callback URL passes", document: webhook(flat(callback())), findings: [] },
  {
    name: "a callback URL inside an internal parent passes",
    document: webhook({ type: "object", required: ["hook"], properties: { hook: { type: "object", "x-ms-visibility": "internal", required: ["url"], properties: { url: { type: "string", "x-ms-notification-url": true } } } } }),
    findings: [],
  },
  { name: "no notification content", document: webhook(flat(callback()), false), findings: [{ path: at, message: /OperationMustHaveNotificationContentExtension/ }] },
  {
    name: "x-ms-notification on the webhook itself",
    document: (() => {
      const doc = webhook(flat(callback()));
      const post = ((doc["paths"] as Record<string, Record<string, Record<string, unknown>>>)["/hooks"]!)["post"]!;
      post["x-ms-notification"] = { operationId: "WhenAWidgetIsCreated" };
      return doc;
    })(),
    findings: [{ path: [...at, "x-ms-notification"], message: /not for a webhook trigger/ }],
  },
  {
    name: "no callback URL",
    document: webhook({ type: "object", properties: { event: { type: "string" } } }),
    findings: [{ path: at, message: /WebhookOperationsMissingNotificationUrlProperty/ }],
  },
];
