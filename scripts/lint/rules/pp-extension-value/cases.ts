import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const operation = (extra: Record<string, unknown>) => swagger({ paths: { "/widgets": { get: listWidgets(extra) } } });
const at = (...rest: string[]) => ["paths", "/widgets", "get", ...rest];

export const cases: RuleCase[] = [
  {
    name: "well-formed values pass",
    document: operation({ "x-ms-visibility": "advanced", "x-ms-pageable": { nextLinkName: "@odata.nextLink" }, "x-ms-api-annotation": { family: "ListWidgets", revision: 2 }, "x-ms-safe-operation": true }),
    findings: [],
  },
  { name: "Internal in capitals", document: operation({ "x-ms-visibility": "Internal" }), findings: [{ path: at("x-ms-visibility"), message: /lower case: 'internal'/ }] },
  { name: "an empty visibility", document: operation({ "x-ms-visibility": "" }), findings: [{ path: at("x-ms-visibility") }] },
  { name: "a trigger kind is pp-trigger-kind's", document: operation({ "x-ms-trigger": "polling" }), findings: [] },
  { name: "another nextLinkName", document: operation({ "x-ms-pageable": { nextLinkName: "next" } }), findings: [{ path: at("x-ms-pageable", "nextLinkName"), message: /InvalidNextLinkNameValue/ }] },
  { name: "a string for a boolean", document: operation({ "x-ms-safe-operation": "true" }), findings: [{ path: at("x-ms-safe-operation"), message: /true or false/ }] },
  { name: "a lower-case status", document: swagger({ info: { ...(swagger()["info"] as object), "x-ms-api-annotation": { status: "production" } } }), findings: [{ path: ["info", "x-ms-api-annotation", "status"], message: /'Production'/ }] },
  { name: "a replacement on a live operation", document: operation({ "x-ms-api-annotation": { replacement: { api: "contoso", operationId: "ListWidgets_V2" } } }), findings: [{ path: at("x-ms-api-annotation", "replacement"), message: /only on a deprecated/ }] },
];
