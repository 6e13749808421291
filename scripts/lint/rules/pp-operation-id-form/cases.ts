import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const withId = (operationId: string) => swagger({ paths: { "/widgets": { get: listWidgets({ operationId }) } } });

export const cases: RuleCase[] = [
  { name: "PascalCase passes", document: withId("ListWidgets"), findings: [] },
  { name: "a revision suffix passes", document: withId("ListWidgets_V2"), findings: [] },
  { name: "a hyphen", document: withId("list-widgets"), findings: [{ path: ["paths", "/widgets", "get", "operationId"], message: /Power Fx would call it 'listwidgets'.*'ListWidgets'/ }] },
  { name: "a dot", document: withId("widgets.list"), findings: [{ path: ["paths", "/widgets", "get", "operationId"], message: /OperationIdSanitized/ }] },
  { name: "a leading digit", document: withId("2Widgets"), findings: [{ path: ["paths", "/widgets", "get", "operationId"] }] },
];
