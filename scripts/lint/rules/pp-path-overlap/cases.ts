import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const paths = (...templates: string[]) =>
  swagger({ paths: Object.fromEntries(templates.map((t, i) => [t, { get: listWidgets({ operationId: `Op${i}` }) }])) });

export const cases: RuleCase[] = [
  { name: "distinct paths pass", document: paths("/widgets", "/widgets/{id}", "/widgets/{id}/parts"), findings: [] },
  { name: "case alone is pp-path-duplicates'", document: paths("/widgets", "/Widgets"), findings: [] },
  { name: "differing only in variable names", document: paths("/widgets/{id}", "/widgets/{widgetId}"), findings: [{ path: ["paths", "/widgets/{widgetId}"], message: /DuplicateOperationPath; accepted connectors have it/ }] },
  { name: "differing only in a trailing slash", document: paths("/widgets", "/widgets/"), findings: [{ path: ["paths", "/widgets/"], message: /trailing/ }] },
];
