import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const summarized = (summary: unknown) => swagger({ paths: { "/widgets": { get: listWidgets({ summary }) } } });
const at = ["paths", "/widgets", "get", "summary"];

export const cases: RuleCase[] = [
  { name: "a short sentence-case name passes", document: summarized("List widgets"), findings: [] },
  { name: "ending in ')' passes", document: summarized("List widgets (deprecated)"), findings: [] },
  { name: "80 characters pass", document: summarized("L".repeat(80)), findings: [] },
  { name: "missing", document: summarized(undefined), findings: [{ path: ["paths", "/widgets", "get"], message: /'summary' property is required/ }] },
  { name: "81 characters", document: summarized("L".repeat(81)), findings: [{ path: at, message: /81 characters/ }] },
  { name: "a slash", document: summarized("Get or create widgets/gadgets"), findings: [{ path: at, message: /'\/', a restricted character/ }] },
  { name: "a trailing period", document: summarized("List widgets."), findings: [{ path: at, message: /must end with/ }] },
  { name: "a product name", document: summarized("Send to Power Automate"), findings: [{ path: at, message: /'Power Automate'/ }] },
];
