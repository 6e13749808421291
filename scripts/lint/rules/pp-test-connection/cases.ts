import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const probe = (extra: Record<string, unknown> = {}) => listWidgets({ operationId: "TestConnection", "x-ms-visibility": "internal", responses: { "200": { description: "The connection works." } }, ...extra });
const withTest = (operation: Record<string, unknown>, test: Record<string, unknown> = { operationId: "TestConnection" }, method = "get") =>
  swagger({ "x-ms-capabilities": { testConnection: test }, paths: { "/widgets": { get: listWidgets() }, "/connection": { [method]: operation } } });
const at = ["x-ms-capabilities", "testConnection", "operationId"];
const required = { name: "top", in: "query", type: "integer", required: true, "x-ms-summary": "Top", description: "How many." };

export const cases: RuleCase[] = [
  { name: "an internal GET without parameters passes", document: withTest(probe()), findings: [] },
  { name: "a required parameter with a default passes", document: withTest(probe({ parameters: [{ ...required, default: 1 }] })), findings: [] },
  { name: "a required parameter given a fixed value passes", document: withTest(probe({ parameters: [required] }), { operationId: "TestConnection", parameters: { top: 1 } }), findings: [] },
  { name: "a POST", document: withTest(probe(), { operationId: "TestConnection" }, "post"), findings: [{ path: at, message: /must be a GET/ }] },
  { name: "a required parameter without a value", document: withTest(probe({ parameters: [required] })), findings: [{ path: at, message: /needs top/ }] },
  { name: "a visible operation", document: withTest(probe({ "x-ms-visibility": undefined })), findings: [{ path: ["paths", "/connection", "get"], message: /should be x-ms-visibility: internal/ }] },
  { name: "an operation that does not exist is another rule's", document: withTest(probe(), { operationId: "Nothing" }), findings: [] },
];
