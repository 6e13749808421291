// The formatters are pure functions of a report; these run them on one real comparison with a breaking change,
// a warning and safe changes, and check what a reviewer reads.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { formatGithubActions } from "../../scripts/diff/format/github-actions.js";
import { formatJson } from "../../scripts/diff/format/json.js";
import { formatMarkdown } from "../../scripts/diff/format/markdown.js";
import type { DiffReport } from "../../scripts/diff/format/report.js";
import { formatStylish } from "../../scripts/diff/format/stylish.js";
import { connector, edited, list, obj, operation } from "./fixtures.js";
import { diffDocuments } from "./harness.js";

async function mixedReport(): Promise<DiffReport> {
  return diffDocuments(
    connector(),
    edited((d) => {
      const model = obj(d, "definitions", "NewWorkOrder");
      obj(model, "properties")["dueDate"] = { type: "string", format: "date" };
      list(model, "required").push("dueDate");
      delete obj(d, "paths", "/workorders/{workOrderId}")["delete"];
      d["host"] = "fieldservice-v2.azurewebsites.net";
      operation(d, "/workorders", "get")["summary"] = "List the work orders";
    }),
  );
}

describe("diff formatters", () => {
  test("the canvas-app call shape: required inputs positional, then one record of optionals", async () => {
    const report = await mixedReport();
    const added = report.findings.find((f) => f.code === "input-added-required")!;
    assert.equal(added.flows, "Existing flows will not send this new field.");
    assert.equal(
      added.canvas,
      "Canvas apps calling `FieldService.CreateWorkOrder(title, customerId, {priority: …, notes: …, site: …})` will fail to compile: it now takes `FieldService.CreateWorkOrder(title, customerId, dueDate, {priority: …, notes: …, site: …})`.",
    );
    assert.match(added.advice!, /add `CreateWorkOrder_V2` on its own path .* `x-ms-api-annotation: \{family: CreateWorkOrder, revision: 2\}`.*`deprecated: true`.*30 days/);
  });

  test("places: JSON paths and lines on both sides", async () => {
    const report = await mixedReport();
    const added = report.findings.find((f) => f.code === "input-added-required")!;
    assert.deepEqual(added.head?.path, ["definitions", "NewWorkOrder", "properties", "dueDate"]);
    assert.equal(added.head?.file, "head.json");
    const removed = report.findings.find((f) => f.code === "operation-removed")!;
    assert.deepEqual(removed.base?.path, ["paths", "/workorders/{workOrderId}", "delete"]);
    const baseLines = JSON.stringify(connector(), null, 2).split("\n");
    assert.match(baseLines[removed.base!.range.start.line]!, /^\s+"delete": \{/);
    assert.equal(removed.head, undefined);
  });

  test("markdown: the summary line first, breaking before warnings, details folded, safe changes last", async () => {
    const text = formatMarkdown(await mixedReport());
    const lines = text.split("\n");
    assert.equal(lines[0], "### conduit diff: 🔴 **2 breaking changes**, 1 warning, 1 safe change");
    const at = (s: string) => text.indexOf(s);
    assert.ok(at("#### Breaking changes") < at("#### Warnings") && at("#### Warnings") < at("1 safe change</summary>"));
    assert.match(text, /<details><summary>🔴 <b>CreateWorkOrder<\/b>: new required input <code>dueDate<\/code> \(body\) <code>input-added-required<\/code><\/summary>/);
    assert.match(text, /- \*\*Where:\*\* head `head\.json:\d+:\d+`/);
    assert.match(text, /add a line `conduit: allow-breaking` to the pull request's description/);
  });

  test("markdown when nothing breaks, and when breaking changes were acknowledged", async () => {
    const none = await diffDocuments(connector(), connector());
    assert.match(formatMarkdown(none), /^### conduit diff: 🟢 \*\*no breaking changes\*\*\n/);
    const acknowledged = formatMarkdown({ ...(await mixedReport()), allowBreaking: true });
    assert.match(acknowledged, /^### conduit diff: 🔴 \*\*2 breaking changes\*\* \(acknowledged with `conduit: allow-breaking`\)/);
    assert.doesNotMatch(acknowledged, /add a line `conduit: allow-breaking`/);
  });

  test("github-actions: errors on the head file, removals on the base, no safe changes, escaped", async () => {
    const report = await mixedReport();
    const lines = formatGithubActions(report).trimEnd().split("\n");
    assert.equal(lines.length, 3, "two breaking changes and a warning; safe changes are left to the summary");
    const [removal] = lines.filter((l) => l.includes("operation-removed"));
    assert.match(removal!, /^::error file=base\.json,line=\d+,col=\d+.*title=conduit diff operation-removed%3A DeleteWorkOrder::operation `DeleteWorkOrder`/);
    const [added] = lines.filter((l) => l.includes("input-added-required"));
    assert.match(added!, /^::error file=head\.json,line=\d+,col=\d+/);
    assert.match(added!, /%0AFlows: Existing flows will not send this new field\./);
    assert.ok(lines.every((l) => !l.slice(2).includes("\n")));
    assert.match(lines.find((l) => l.includes("host-changed"))!, /^::warning /);
    const acknowledged = formatGithubActions({ ...report, allowBreaking: true });
    assert.doesNotMatch(acknowledged, /^::error/m, "acknowledged breaking changes are warnings");
  });

  test("json: the report with counts; stylish: grouped by operation with the fix", async () => {
    const report = await mixedReport();
    const parsed = JSON.parse(formatJson(report)) as { summary: Record<string, number>; findings: unknown[] };
    assert.deepEqual(parsed.summary, { breaking: 2, warning: 1, safe: 1 });
    assert.equal(parsed.findings.length, 4);
    const stylish = formatStylish(report);
    assert.match(stylish, /\nCreateWorkOrder\n {2}breaking {2}input-added-required {2}new required input dueDate \(body\)\n/);
    assert.match(stylish, /to make it safe: /);
    assert.match(stylish, /\nsafe changes\n {2}wording-changed {2}ListWorkOrders: /);
    assert.match(stylish, /\n2 breaking changes, 1 warning, 1 safe change\n$/);
  });
});
