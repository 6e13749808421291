// Synthetic pairs: one small edit of a known connector per case, and exactly the findings it must produce.
// The last test checks that the cases cover every finding code, safe changes included.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FINDING_CODES, type ChangeSeverity, type FindingCode } from "../../scripts/diff/compare/findings.js";
import { connector, edited, list, obj, operation, type Doc } from "./fixtures.js";
import { diffDocuments } from "./harness.js";

type Expected = readonly [FindingCode, ChangeSeverity, string][];

/** [name, edit of the head, findings, edit of the base (when the base is not the plain connector)]. */
const CASES: [string, (d: Doc) => void, Expected, ((d: Doc) => void)?][] = [
  ["basePath moved: every URL changes", (d) => void (d["basePath"] = "/v2"), [["base-path-changed", "breaking", ""]]],
  [
    "basePath moved into the paths: no URL changes",
    (d) => {
      d["basePath"] = "/";
      const paths = obj(d, "paths");
      for (const key of Object.keys(paths)) {
        paths[`/api${key}`] = paths[key];
        delete paths[key];
      }
    },
    [["base-path-changed", "safe", ""]],
  ],
  ["host", (d) => void (d["host"] = "fieldservice-v2.azurewebsites.net"), [["host-changed", "warning", ""]]],
  [
    "authentication changed",
    (d) => void (obj(d, "securityDefinitions")["oauth2_auth"] = { type: "apiKey", in: "header", name: "x-api-key" }),
    [["security-changed", "breaking", ""]],
  ],
  [
    "OAuth endpoints changed; the definition renamed",
    (d) => {
      const sec = obj(d, "securityDefinitions");
      sec["aad"] = { ...obj(sec, "oauth2_auth"), tokenUrl: "https://login.example.com/v2/token" };
      delete sec["oauth2_auth"];
    },
    [["security-changed", "warning", ""]],
  ],
  ["operation removed", (d) => void delete obj(d, "paths", "/workorders/{workOrderId}")["delete"], [["operation-removed", "breaking", "DeleteWorkOrder"]]],
  [
    "operationId renamed: one finding",
    (d) => void (operation(d, "/workorders", "post")["operationId"] = "NewWorkOrder"),
    [["operation-id-renamed", "breaking", "CreateWorkOrder → NewWorkOrder"]],
  ],
  [
    "path changed",
    (d) => {
      const paths = obj(d, "paths");
      paths["/work-orders/{workOrderId}"] = paths["/workorders/{workOrderId}"];
      delete paths["/workorders/{workOrderId}"];
    },
    [["path-changed", "breaking", "DeleteWorkOrder"], ["path-changed", "breaking", "GetWorkOrder"]],
  ],
  [
    "template variable renamed: the input's finding, not the path's",
    (d) => {
      const paths = obj(d, "paths");
      paths["/workorders/{id}"] = paths["/workorders/{workOrderId}"];
      delete paths["/workorders/{workOrderId}"];
      obj(d, "paths", "/workorders/{id}", "parameters", 0)["name"] = "id";
    },
    [["input-renamed", "breaking", "DeleteWorkOrder"], ["input-renamed", "breaking", "GetWorkOrder"]],
  ],
  [
    "method changed",
    (d) => {
      const item = obj(d, "paths", "/workorders/{workOrderId}");
      item["post"] = item["delete"];
      delete item["delete"];
    },
    [["method-changed", "breaking", "DeleteWorkOrder"]],
  ],
  ["trigger became an action", (d) => void delete operation(d, "/hooks/closed", "post")["x-ms-trigger"], [["operation-kind-changed", "breaking", "OnWorkOrderClosed"]]],
  ["operation hidden", (d) => void (operation(d, "/workorders/{workOrderId}", "get")["x-ms-visibility"] = "internal"), [["operation-hidden", "warning", "GetWorkOrder"]]],
  [
    "operation deprecated, and a _V2 revision added: the safe way",
    (d) => {
      const old = operation(d, "/workorders", "post");
      old["deprecated"] = true;
      old["x-ms-api-annotation"] = { family: "CreateWorkOrder", revision: 1 };
      obj(d, "paths")["/v2/workorders"] = { post: { ...old, operationId: "CreateWorkOrder_V2", deprecated: false, "x-ms-api-annotation": { family: "CreateWorkOrder", revision: 2 } } };
    },
    [["operation-deprecated", "safe", "CreateWorkOrder"], ["operation-added", "safe", "CreateWorkOrder_V2"]],
  ],
  ["input removed", (d) => void list(d, "paths", "/workorders", "get", "parameters").splice(1, 1), [["input-removed", "breaking", "ListWorkOrders"]]],
  ["internal input with a default removed", (d) => void list(d, "paths", "/workorders", "post", "parameters").splice(0, 1), [["input-removed", "warning", "CreateWorkOrder"]]],
  ["nested body field removed", (d) => void delete obj(d, "definitions", "NewWorkOrder", "properties", "site", "properties")["city"], [["input-removed", "breaking", "CreateWorkOrder"]]],
  [
    "input renamed, its summary kept",
    (d) => void (obj(d, "paths", "/workorders", "get", "parameters", 1)["name"] = "limit"),
    [["input-renamed", "breaking", "ListWorkOrders"]],
  ],
  ["input moved from query to header", (d) => void (obj(d, "paths", "/workorders", "get", "parameters", 0)["in"] = "header"), [["input-moved", "breaking", "ListWorkOrders"]]],
  ["input made required", (d) => void (obj(d, "paths", "/workorders", "get", "parameters", 1)["required"] = true), [["input-made-required", "breaking", "ListWorkOrders"]]],
  [
    "required input added",
    (d) => void list(d, "paths", "/workorders", "post", "parameters").push({ name: "region", in: "query", type: "string", required: true }),
    [["input-added-required", "breaking", "CreateWorkOrder"]],
  ],
  [
    "required body field added; internal required input with a default added",
    (d) => {
      const model = obj(d, "definitions", "NewWorkOrder");
      obj(model, "properties")["dueDate"] = { type: "string", format: "date" };
      list(model, "required").push("dueDate");
      list(d, "paths", "/workorders", "get", "parameters").push({ name: "tenant", in: "header", type: "string", required: true, default: "main", "x-ms-visibility": "internal" });
    },
    // Flows saved before send neither (a default fills only new cards); canvas apps send the internal one by themselves.
    [["input-added-required", "breaking", "CreateWorkOrder"], ["input-added-required", "breaking", "ListWorkOrders"]],
  ],
  ["required body field made optional: canvas apps' positional call changes", (d) => void list(d, "definitions", "NewWorkOrder", "required").splice(1, 1), [["input-made-optional", "breaking", "CreateWorkOrder"]]],
  [
    "required field of a trigger made optional: no canvas call",
    (d) => void delete obj(d, "paths", "/hooks/closed", "post", "parameters", 0, "schema")["required"],
    [["input-made-optional", "safe", "OnWorkOrderClosed"]],
  ],
  [
    "required body fields swapped",
    (d) => {
      const model = obj(d, "definitions", "NewWorkOrder");
      const { title, customerId, ...rest } = obj(model, "properties");
      model["properties"] = { customerId, title, ...rest };
    },
    [["input-reordered", "breaking", "CreateWorkOrder"]],
  ],
  ["input type changed", (d) => void (obj(d, "paths", "/workorders", "get", "parameters", 1)["type"] = "string"), [["input-type-changed", "breaking", "ListWorkOrders"]]],
  [
    "input format added; another dropped",
    (d) => {
      obj(d, "definitions", "NewWorkOrder", "properties", "notes")["format"] = "email";
      delete obj(d, "paths", "/workorders", "get", "parameters", 1)["format"];
    },
    [["input-format-changed", "warning", "CreateWorkOrder"], ["input-format-changed", "safe", "ListWorkOrders"]],
  ],
  ["enum added to an input", (d) => void (obj(d, "definitions", "NewWorkOrder", "properties", "notes")["enum"] = ["a", "b"]), [["input-enum-added", "breaking", "CreateWorkOrder"]]],
  ["enum narrowed", (d) => void (obj(d, "definitions", "NewWorkOrder", "properties", "priority")["enum"] = ["low", "normal"]), [["input-enum-narrowed", "breaking", "CreateWorkOrder"]]],
  ["enum widened", (d) => void list(d, "definitions", "NewWorkOrder", "properties", "priority", "enum").push("urgent"), [["input-enum-widened", "safe", "CreateWorkOrder"]]],
  [
    "required input hidden without a default",
    (d) => void (obj(d, "definitions", "NewWorkOrder", "properties", "customerId")["x-ms-visibility"] = "internal"),
    [["input-hidden", "breaking", "CreateWorkOrder"]],
  ],
  ["optional input hidden", (d) => void (obj(d, "paths", "/workorders", "get", "parameters", 1)["x-ms-visibility"] = "internal"), [["input-hidden", "warning", "ListWorkOrders"]]],
  ["internal required input shown", (d) => void delete obj(d, "paths", "/workorders", "post", "parameters", 0)["x-ms-visibility"], [["input-unhidden", "breaking", "CreateWorkOrder"]]],
  [
    "internal optional input shown",
    (d) => void (obj(d, "paths", "/workorders", "get", "parameters", 1)["x-ms-visibility"] = "advanced"),
    [["input-unhidden", "safe", "ListWorkOrders"]],
    (d) => void (obj(d, "paths", "/workorders", "get", "parameters", 1)["x-ms-visibility"] = "internal"),
  ],
  ["what the platform sends for an internal input", (d) => void (obj(d, "paths", "/workorders", "post", "parameters", 0)["default"] = "2025-01-01"), [["input-default-changed", "warning", "CreateWorkOrder"]]],
  [
    "optional inputs added",
    (d) => {
      obj(d, "definitions", "NewWorkOrder", "properties")["contact"] = { type: "object", properties: { phone: { type: "string" } } };
      list(d, "paths", "/workorders", "get", "parameters").push({ name: "skip", in: "query", type: "integer" });
    },
    [["input-added-optional", "safe", "CreateWorkOrder"], ["input-added-optional", "safe", "ListWorkOrders"]],
  ],
  [
    "output field removed, through $ref, arrays and nested objects",
    (d) => void delete obj(d, "definitions", "WorkOrder", "properties")["dueDate"],
    [["output-removed", "breaking", "CreateWorkOrder"], ["output-removed", "breaking", "GetWorkOrder"], ["output-removed", "breaking", "ListWorkOrders"]],
  ],
  [
    "nested output field retyped",
    (d) => void (obj(d, "definitions", "WorkOrder", "properties", "technician", "properties", "id")["type"] = "string"),
    [["output-type-changed", "breaking", "CreateWorkOrder"], ["output-type-changed", "breaking", "GetWorkOrder"], ["output-type-changed", "breaking", "ListWorkOrders"]],
  ],
  [
    "output format changed",
    (d) => void (obj(d, "paths", "/workorders", "get", "responses", "200", "schema", "properties", "nextLink")["format"] = "uri"),
    [["output-format-changed", "warning", "ListWorkOrders"]],
  ],
  [
    "response schema swapped for one that lacks fields",
    (d) => {
      obj(d, "definitions")["WorkOrderSummary"] = { type: "object", properties: { id: { type: "string" }, title: { type: "string" } } };
      obj(d, "paths", "/workorders/{workOrderId}", "get", "responses", "200", "schema")["$ref"] = "#/definitions/WorkOrderSummary";
    },
    [["response-schema-replaced", "breaking", "GetWorkOrder"]],
  ],
  [
    "response schema renamed, every field kept",
    (d) => {
      obj(d, "definitions")["WorkOrderV1"] = obj(d, "definitions", "WorkOrder");
      obj(d, "paths", "/workorders/{workOrderId}", "get", "responses", "200", "schema")["$ref"] = "#/definitions/WorkOrderV1";
    },
    [["response-schema-replaced", "safe", "GetWorkOrder"]],
  ],
  [
    "response schema removed",
    (d) => void delete obj(d, "paths", "/workorders/{workOrderId}", "get", "responses", "200")["schema"],
    [["response-schema-replaced", "breaking", "GetWorkOrder"]],
  ],
  [
    "output fields added",
    (d) => void (obj(d, "definitions", "WorkOrder", "properties")["site"] = { type: "object", properties: { city: { type: "string" } } }),
    [["output-added", "safe", "CreateWorkOrder"], ["output-added", "safe", "GetWorkOrder"], ["output-added", "safe", "ListWorkOrders"]],
  ],
  [
    "wording",
    (d) => {
      operation(d, "/workorders", "get")["summary"] = "List the work orders";
      obj(d, "paths", "/workorders", "get", "parameters", 1)["description"] = "Page size.";
      obj(d, "paths", "/workorders", "get", "parameters", 0)["x-ms-visibility"] = "advanced";
    },
    [["wording-changed", "safe", "ListWorkOrders"]],
  ],
  ["nothing changed", () => undefined, []],
];

describe("synthetic pairs", () => {
  for (const [name, edit, expected, baseEdit] of CASES) {
    test(name, async () => {
      const report = await diffDocuments(baseEdit ? edited(baseEdit) : connector(), edited(edit));
      const found = report.findings.map((f) => [f.code, f.severity, f.operation]);
      const sort = (rows: readonly (readonly string[])[]) => [...rows].map((r) => r.join(" | ")).sort();
      assert.deepEqual(sort(found), sort(expected));
    });
  }
});

test("the synthetic cases cover every finding code", () => {
  const covered = new Set(CASES.flatMap(([, , expected]) => expected.map(([code]) => code)));
  assert.deepEqual(Object.keys(FINDING_CODES).filter((code) => !covered.has(code as FindingCode)), []);
});
