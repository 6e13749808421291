/** The order `conduit try` calls actions in, and what it adds as setup and cleanup. */
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, test } from "node:test";
import { parse } from "yaml";
import { buildApiModel } from "../../scripts/model/build.js";
import type { OperationModel } from "../../scripts/model/model.js";
import { loadSwagger } from "../../scripts/spec/load.js";
import { callOrder, planSteps, type Step } from "../../scripts/try/plan.js";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";

function describeSteps(steps: readonly Step[]): string[] {
  return steps.map((s) => (s.kind === "skip" ? `${s.operation.operationId} skipped: ${s.reason}` : `${s.operation.operationId}${s.role === "requested" ? "" : ` (${s.role})`}`));
}

describe("the plan of conduit try", () => {
  let root: unknown;
  let operations: readonly OperationModel[];
  const byId = (id: string) => operations.find((o) => o.operationId === id)!;

  before(async () => {
    root = (await loadSwagger(path.join(SAMPLE_FIXTURE, "apiDefinition.swagger.yaml"))).data;
    operations = buildApiModel(root).operations;
  });

  test("all actions: create, then reads, then the change, then the delete", () => {
    assert.deepEqual(describeSteps(planSteps(root, operations, [])), ["CreateWorkOrder", "ListTechnicians", "ListWorkOrders", "GetWorkOrder", "UpdateWorkOrder", "DeleteWorkOrder"]);
  });

  test("one action on a work order: the create it needs runs before it, and a delete cleans up after", () => {
    assert.deepEqual(describeSteps(planSteps(root, operations, [byId("GetWorkOrder")])), ["CreateWorkOrder (setup)", "GetWorkOrder", "DeleteWorkOrder (cleanup)"]);
    assert.deepEqual(describeSteps(planSteps(root, operations, [byId("CreateWorkOrder")])), ["CreateWorkOrder", "DeleteWorkOrder (cleanup)"]);
    assert.deepEqual(describeSteps(planSteps(root, operations, [byId("DeleteWorkOrder")])), ["CreateWorkOrder (setup)", "DeleteWorkOrder"]);
    assert.deepEqual(describeSteps(planSteps(root, operations, [byId("ListTechnicians")])), ["ListTechnicians"]);
  });

  test("nested resources: parents created first, children deleted first; triggers skipped with a reason", () => {
    const spec = parse(`
swagger: "2.0"
info: { title: t, version: "1" }
paths:
  /projects:
    post: { operationId: CreateProject, responses: { "201": { description: ok } } }
    get: { operationId: ListProjects, responses: { "200": { description: ok } } }
  /projects/{projectId}:
    parameters: [{ name: projectId, in: path, required: true, type: string }]
    delete: { operationId: DeleteProject, responses: { "204": { description: ok } } }
  /projects/{projectId}/tasks:
    parameters: [{ name: projectId, in: path, required: true, type: string }]
    post: { operationId: CreateTask, responses: { "201": { description: ok } } }
  /projects/{projectId}/tasks/{taskId}:
    parameters:
      - { name: projectId, in: path, required: true, type: string }
      - { name: taskId, in: path, required: true, type: string }
    get: { operationId: GetTask, responses: { "200": { description: ok } } }
    delete: { operationId: DeleteTask, responses: { "204": { description: ok } } }
  /hooks:
    post: { operationId: WhenTaskDone, x-ms-trigger: single, responses: { "201": { description: ok } } }
`) as unknown;
    const model = buildApiModel(spec).operations;
    assert.deepEqual(describeSteps(planSteps(spec, model, [])), [
      "CreateProject",
      "CreateTask",
      "ListProjects",
      "GetTask",
      "WhenTaskDone skipped: trigger: try does not subscribe a receiver yet",
      "DeleteTask",
      "DeleteProject",
    ]);
    const task = model.find((o) => o.operationId === "GetTask")!;
    assert.deepEqual(describeSteps(planSteps(spec, model, [task])), ["CreateProject (setup)", "CreateTask (setup)", "GetTask", "DeleteTask (cleanup)", "DeleteProject (cleanup)"]);
    assert.deepEqual(callOrder([task]), [task]);
  });
});
