// The kinds of breaking change `conduit diff` once called safe on real version histories (issue 12): each as a
// small edit of the fixture connector, with the real pair of ../shared/corpus-pairs it was found in where there is
// one (corpus-review.md has the hand check). The Power Fx call these findings quote comes from the same signatures
// `conduit docs` prints.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ChangeSeverity, FindingCode } from "../../scripts/diff/compare/findings.js";
import { connector, list, obj, operation, type Doc } from "./fixtures.js";
import { diffDocuments } from "./harness.js";

type Expected = readonly [FindingCode, ChangeSeverity, string][];

const doc = (...edits: ((d: Doc) => void)[]): Doc => {
  const d = connector();
  for (const edit of edits) edit(d);
  return d;
};
const rows = (findings: readonly { code: string; severity: string; operation: string }[]) =>
  findings.map((f) => `${f.code} | ${f.severity} | ${f.operation}`).sort();
const expectRows = (expected: Expected) => expected.map((e) => e.join(" | ")).sort();

/** The body parameter of CreateWorkOrder stops being `required`: its properties keep the schema's required-ness. */
const optionalBody = (d: Doc) => void (obj(d, "paths", "/workorders", "post", "parameters", 1)["required"] = false);
const required = (d: Doc) => list(d, "definitions", "NewWorkOrder", "required");

/** WorkOrder gains `steps`, a recursive list of Step {name, steps: Step[]}. */
const recursiveSteps = (d: Doc) => {
  obj(d, "definitions")["Step"] = { type: "object", properties: { name: { type: "string" }, steps: { type: "array", items: { $ref: "#/definitions/Step" } } } };
  obj(d, "definitions", "WorkOrder", "properties")["steps"] = { type: "array", items: { $ref: "#/definitions/Step" } };
};

/** WorkOrder gains a field nested twelve objects deep: deeper than the designer's listing ever went. */
const deepField = (d: Doc) => {
  let node: Doc = { type: "object", properties: { leaf: { type: "string" }, other: { type: "string" } } };
  for (let i = 0; i < 12; i++) node = { type: "object", properties: { [`level${i}`]: node } };
  obj(d, "definitions", "WorkOrder", "properties")["deep"] = node;
};

/** GET `path` as GetReport, with its template variable declared as a parameter or not. */
const report = (path: string, declared?: string) => (d: Doc) =>
  void (obj(d, "paths")[path] = {
    get: {
      operationId: "GetReport",
      summary: "Get a report",
      parameters: declared ? [{ name: declared, in: "path", required: true, type: "string", "x-ms-summary": "Period" }] : [],
      responses: { "200": { description: "OK" } },
    },
  });

const notification = (properties: Doc) => (d: Doc) =>
  void (obj(d, "paths", "/hooks/closed")["x-ms-notification-content"] = { description: "A closed work order", schema: { type: "object", properties } });

const CASES: [string, Doc, Doc, Expected][] = [
  [
    "a property of an optional body made required (HTML_To_PDF 03→04 HtmlBody: once reported as nothing at all)",
    doc(optionalBody),
    doc(optionalBody, (d) => void required(d).push("notes")),
    [["input-made-required", "breaking", "CreateWorkOrder"]],
  ],
  [
    "a required property of an optional body made optional (Airmeet 03→04 sessionTitle, Converter 06→07 sections)",
    doc(optionalBody),
    doc(optionalBody, (d) => void required(d).splice(1, 1)),
    [["input-made-optional", "breaking", "CreateWorkOrder"]],
  ],
  [
    "a new required body property with a default, in an optional body (Otto.bot 01→02 endRequest, Airmeet 03→04)",
    doc(optionalBody),
    doc(optionalBody, (d) => {
      obj(d, "definitions", "NewWorkOrder", "properties")["source"] = { type: "string", default: "app" };
      required(d).push("source");
    }),
    [["input-added-required", "breaking", "CreateWorkOrder"]],
  ],
  [
    "the body parameter made required: the properties' required-ness is the schema's, so nothing changes for callers",
    doc(optionalBody),
    doc(),
    [],
  ],
  [
    "required body properties reordered: canvas apps pass them by position (Vineforce 03→04 CreateProject; guard: already so)",
    doc(),
    doc((d) => {
      const props = obj(d, "definitions", "NewWorkOrder", "properties");
      const { title, ...rest } = props;
      obj(d, "definitions", "NewWorkOrder")["properties"] = { ...rest, title };
    }),
    [["input-reordered", "breaking", "CreateWorkOrder"]],
  ],
  [
    "an enum added to an input (Microsoft's check rates it breaking; Airmeet 03→04, Vineforce 03→04)",
    doc(),
    doc((d) => void (obj(d, "paths", "/workorders", "get", "parameters", 1)["enum"] = [10, 50, 100])),
    [["input-enum-added", "breaking", "ListWorkOrders"]],
  ],
  [
    "an enum on an input that was internal until now: flows never set it, so only the unhiding is reported",
    doc(),
    doc((d) => {
      const p = obj(d, "paths", "/workorders", "post", "parameters", 0);
      delete p["x-ms-visibility"];
      p["required"] = false;
      p["enum"] = ["2024-01-01", "2025-01-01"];
    }),
    [["input-unhidden", "safe", "CreateWorkOrder"]],
  ],
  [
    "an output removed deep inside a recursive schema (steps[].steps[].name)",
    doc(recursiveSteps),
    doc(recursiveSteps, (d) => {
      obj(d, "definitions")["SubStep"] = { type: "object", properties: { title: { type: "string" }, steps: { type: "array", items: { $ref: "#/definitions/Step" } } } };
      obj(d, "definitions", "Step", "properties", "steps", "items")["$ref"] = "#/definitions/SubStep";
    }),
    [
      ["output-removed", "breaking", "CreateWorkOrder"], ["output-removed", "breaking", "GetWorkOrder"], ["output-removed", "breaking", "ListWorkOrders"],
      ["output-added", "safe", "CreateWorkOrder"], ["output-added", "safe", "GetWorkOrder"], ["output-added", "safe", "ListWorkOrders"],
    ],
  ],
  [
    "an output removed twelve objects deep",
    doc(deepField),
    doc(deepField, (d) => {
      let node = obj(d, "definitions", "WorkOrder", "properties", "deep");
      for (let i = 11; i >= 0; i--) node = obj(node, "properties", `level${i}`);
      delete obj(node, "properties")["leaf"];
    }),
    [["output-removed", "breaking", "CreateWorkOrder"], ["output-removed", "breaking", "GetWorkOrder"], ["output-removed", "breaking", "ListWorkOrders"]],
  ],
  [
    "an output restructured: the same $ref, a field moved under a new object (guard: already so)",
    doc(),
    doc((d) => {
      const props = obj(d, "definitions", "WorkOrder", "properties");
      props["schedule"] = { type: "object", properties: { dueDate: props["dueDate"] } };
      delete props["dueDate"];
    }),
    [
      ["output-removed", "breaking", "CreateWorkOrder"], ["output-removed", "breaking", "GetWorkOrder"], ["output-removed", "breaking", "ListWorkOrders"],
      ["output-added", "safe", "CreateWorkOrder"], ["output-added", "safe", "GetWorkOrder"], ["output-added", "safe", "ListWorkOrders"],
    ],
  ],
  [
    "a webhook trigger's payload lost a field (Airmeet 01→02 AirmeetTriggers `id`)",
    doc(notification({ id: { type: "string" }, closedAt: { type: "string", format: "date-time" } })),
    doc(notification({ id: { type: "string" } })),
    [["output-removed", "breaking", "OnWorkOrderClosed"]],
  ],
  [
    "a template variable renamed where the spec declares no parameter for it: no input finding says it",
    doc(report("/reports/{year}")),
    doc(report("/reports/{period}")),
    [["path-changed", "breaking", "GetReport"]],
  ],
  [
    "a template variable renamed with its parameter: the input's finding says it (guard: already so)",
    doc(report("/reports/{year}", "year")),
    doc(report("/reports/{period}", "period")),
    [["input-renamed", "breaking", "GetReport"]],
  ],
  [
    "a path changed in letter case only (Nodefusion_Portal 02→03; guard: already so)",
    doc(),
    doc((d) => {
      const paths = obj(d, "paths");
      paths["/WorkOrders"] = paths["/workorders"];
      delete paths["/workorders"];
    }),
    [["path-changed", "breaking", "CreateWorkOrder"], ["path-changed", "breaking", "ListWorkOrders"]],
  ],
  [
    "the method and the operationId changed together: the old operation is gone (guard: already so)",
    doc(),
    doc((d) => {
      const item = obj(d, "paths", "/workorders/{workOrderId}");
      item["post"] = { ...obj(item, "delete"), operationId: "RemoveWorkOrder" };
      delete item["delete"];
    }),
    [["operation-removed", "breaking", "DeleteWorkOrder"], ["operation-added", "safe", "RemoveWorkOrder"]],
  ],
  [
    "the path and the method changed, operationId kept (guard: already so)",
    doc(),
    doc((d) => {
      const paths = obj(d, "paths");
      paths["/workorders/{workOrderId}/close"] = { parameters: obj(d, "paths", "/workorders/{workOrderId}")["parameters"], post: operation(d, "/workorders/{workOrderId}", "delete") };
      delete obj(d, "paths", "/workorders/{workOrderId}")["delete"];
    }),
    [["path-changed", "breaking", "DeleteWorkOrder"], ["method-changed", "breaking", "DeleteWorkOrder"]],
  ],
];

describe("kinds the diff missed on real version histories", () => {
  for (const [name, base, head, expected] of CASES) {
    test(name, async () => {
      const report = await diffDocuments(base, head);
      assert.deepEqual(rows(report.findings), expectRows(expected));
    });
  }
});

describe("the Power Fx call in the findings is the signature conduit docs prints", () => {
  test("a property made optional: the call before and after, with the property moved into the record", async () => {
    const report = await diffDocuments(doc(optionalBody), doc(optionalBody, (d) => void required(d).splice(1, 1)));
    const finding = report.findings.find((f) => f.code === "input-made-optional");
    assert.ok(finding?.canvas, "a canvas consequence");
    assert.match(finding.canvas, /FieldService\.CreateWorkOrder\(title, customerId, \{/);
    assert.match(finding.canvas, /FieldService\.CreateWorkOrder\(title, \{customerId: …/);
  });

  test("an operationId renamed only in punctuation keeps the Power Fx function: flows break, canvas apps do not", async () => {
    const report = await diffDocuments(doc(), doc((d) => void (operation(d, "/workorders/{workOrderId}", "get")["operationId"] = "Get_WorkOrder")));
    const finding = report.findings.find((f) => f.code === "operation-id-renamed");
    assert.equal(finding?.severity, "breaking");
    assert.equal(finding.canvas, undefined);
    const other = await diffDocuments(doc(), doc((d) => void (operation(d, "/workorders/{workOrderId}", "get")["operationId"] = "ReadWorkOrder")));
    assert.match(other.findings.find((f) => f.code === "operation-id-renamed")?.canvas ?? "", /the function is now `ReadWorkOrder`/);
  });

  test("a new required internal input with a default: canvas apps send it themselves, flows saved before do not", async () => {
    const report = await diffDocuments(doc(), doc((d) => void list(d, "paths", "/workorders", "get", "parameters").push({ name: "tenant", in: "header", type: "string", required: true, default: "main", "x-ms-visibility": "internal" })));
    const finding = report.findings.find((f) => f.code === "input-added-required");
    assert.match(finding?.canvas ?? "", /send its default by themselves/);
    assert.match(finding?.flows ?? "", /will not send this new field/);
  });
});
