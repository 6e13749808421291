import type { RuleCase } from "../../rule-cases.js";
import { apiPropertiesFile } from "../../rule-cases.js";

const setheader = (parameters: Record<string, unknown>) =>
  apiPropertiesFile({ policyTemplateInstances: [{ templateId: "setheader", title: "Set a header", parameters }] });
const full = {
  "x-ms-apimTemplateParameter.name": "x-tenant",
  "x-ms-apimTemplateParameter.value": "@connectionParameters('tenant')",
  "x-ms-apimTemplateParameter.existsAction": "override",
  "x-ms-apimTemplate-policySection": "Request",
};
const at = ["properties", "policyTemplateInstances", 0, "parameters"];

export const cases: RuleCase[] = [
  { name: "a complete setheader passes", document: setheader(full), findings: [] },
  { name: "an operation list passes", document: setheader({ ...full, "x-ms-apimTemplate-operationName": ["ListWidgets"] }), findings: [] },
  { name: "no value", document: setheader({ "x-ms-apimTemplateParameter.name": "x-tenant" }), findings: [{ path: at, message: /needs 'x-ms-apimTemplateParameter\.value'/ }] },
  { name: "an unknown existsAction", document: setheader({ ...full, "x-ms-apimTemplateParameter.existsAction": "replace" }), findings: [{ path: [...at, "x-ms-apimTemplateParameter.existsAction"] }] },
  { name: "a lower-case section", document: setheader({ ...full, "x-ms-apimTemplate-policySection": "request" }), findings: [{ path: [...at, "x-ms-apimTemplate-policySection"], message: /Request, Response, Failure/ }] },
  { name: "one operation as a string", document: setheader({ ...full, "x-ms-apimTemplate-operationName": "ListWidgets" }), findings: [{ path: [...at, "x-ms-apimTemplate-operationName"], message: /list of operationIds/ }] },
];
