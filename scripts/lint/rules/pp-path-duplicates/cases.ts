import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const paths = (...templates: string[]) =>
  swagger({ paths: Object.fromEntries(templates.map((t, i) => [t, { get: listWidgets({ operationId: `Op${i}` }) }])) });

export const cases: RuleCase[] = [
  { name: "distinct paths pass", document: paths("/widgets", "/widgets/{id}", "/widgets/{id}/parts"), findings: [] },
  { name: "differing only in case", document: paths("/widgets", "/Widgets"), findings: [{ path: ["paths", "/Widgets"], message: /PathRedefined/ }] },
  { name: "variable names are pp-path-overlap's", document: paths("/widgets/{id}", "/widgets/{widgetId}"), findings: [] },
];
