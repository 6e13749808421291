import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const ids = (...operationIds: string[]) => swagger({ paths: Object.fromEntries(operationIds.map((id, i) => [`/p${i}`, { get: listWidgets({ operationId: id }) }])) });

export const cases: RuleCase[] = [
  { name: "distinct names pass", document: ids("ListWidgets", "GetWidget", "Get_Widget_V2"), findings: [] },
  { name: "case differs in Power Fx", document: ids("getItem", "GetItem_"), findings: [] },
  { name: "a dash and an underscore", document: ids("Get-Item", "Get_Item"), findings: [{ path: ["paths", "/p1", "get", "operationId"], message: /becomes the Power Fx function GetItem, as 'Get-Item' does/ }] },
  { name: "a leading digit", document: ids("2fa", "2-fa"), findings: [{ path: ["paths", "/p1", "get", "operationId"], message: /function _2fa/ }] },
];
