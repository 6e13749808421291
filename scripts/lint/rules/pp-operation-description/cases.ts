import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const described = (description: unknown) => swagger({ paths: { "/widgets": { get: listWidgets({ description }) } } });

export const cases: RuleCase[] = [
  { name: "a sentence passes", document: described("Lists the widgets you can see."), findings: [] },
  { name: "missing", document: described(undefined), findings: [{ path: ["paths", "/widgets", "get"], message: /'description' property is required/ }] },
  { name: "blank", document: described("  "), findings: [{ path: ["paths", "/widgets", "get", "description"] }] },
  { name: "the summary again", document: described("List widgets."), findings: [{ path: ["paths", "/widgets", "get", "description"], message: /repeats the summary/ }] },
];
