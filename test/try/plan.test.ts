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
  return steps.map((s) => {
    if (s.kind === "skip") return `${s.operation.operationId} skipped: ${s.reason}`;
    const role = s.role === "requested" ? "" : ` (${s.role})`;
    if (s.kind === "call") return `${s.operation.operationId}${role}`;
    const as = s.fire.user === undefined ? "" : ` as ${s.fire.user}`;
    return `${s.operation.operationId}${role}: fired by ${s.fire.operation.operationId}${as}, unsubscribed by ${s.unsubscribe?.operationId ?? "nothing"}, cleaned up by ${s.cleanup?.operationId ?? "nothing"}`;
  });
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
      "WhenTaskDone skipped: a trigger without a callback URL property (x-ms-notification-url): try runs webhook triggers only",
      "DeleteTask",
      "DeleteProject",
    ]);
    const task = model.find((o) => o.operationId === "GetTask")!;
    assert.deepEqual(describeSteps(planSteps(spec, model, [task])), ["CreateProject (setup)", "CreateTask (setup)", "GetTask", "DeleteTask (cleanup)", "DeleteProject (cleanup)"]);
    assert.deepEqual(callOrder([task]), [task]);
  });

  test("webhook triggers: after the changes, before the deletes; fired by the action x-ms-operation-context names; their DELETE is part of them", () => {
    const spec = parse(`
swagger: "2.0"
info: { title: t, version: "1" }
paths:
  /projects:
    post: { operationId: CreateProject, responses: { "201": { description: ok } } }
  /projects/{projectId}:
    parameters: [{ name: projectId, in: path, required: true, type: string }]
    patch: { operationId: RenameProject, responses: { "200": { description: ok } } }
    delete: { operationId: DeleteProject, responses: { "204": { description: ok } } }
  /hooks/created:
    x-ms-notification-content: { schema: { type: object } }
    post:
      operationId: WhenProjectCreated
      x-ms-trigger: single
      x-ms-operation-context: { simulate: { operationId: CreateProject } }
      parameters: [{ name: body, in: body, required: true, schema: { $ref: "#/definitions/Hook" } }]
      responses: { "201": { description: ok, headers: { Location: { type: string } } } }
  /hooks/renamed:
    post:
      operationId: WhenMyProjectRenamed
      x-ms-trigger: single
      x-ms-operation-context: { simulate: { operationId: RenameProject, parameters: { body: { name: renamed } } } }
      x-conduit-try: { user: owner@example.com }
      parameters: [{ name: body, in: body, required: true, schema: { $ref: "#/definitions/Hook" } }]
      responses: { "201": { description: ok } }
  /hooks/archived:
    post:
      operationId: WhenProjectArchived
      x-ms-trigger: single
      parameters: [{ name: body, in: body, required: true, schema: { $ref: "#/definitions/Hook" } }]
      responses: { "201": { description: ok } }
  /hooks/misnamed:
    post:
      operationId: WhenMisnamed
      x-ms-trigger: single
      x-ms-operation-context: { simulate: { operationId: CreatePrject } }
      parameters: [{ name: body, in: body, required: true, schema: { $ref: "#/definitions/Hook" } }]
      responses: { "201": { description: ok } }
  /hooks/{hookId}:
    parameters: [{ name: hookId, in: path, required: true, type: string }]
    delete: { operationId: DeleteHook, x-ms-visibility: internal, responses: { "204": { description: ok } } }
definitions:
  Hook:
    type: object
    required: [callbackUrl]
    properties: { callbackUrl: { type: string, x-ms-notification-url: true, x-ms-visibility: internal } }
`) as unknown;
    const model = buildApiModel(spec).operations;
    const only = (...ids: string[]) => ids.map((id) => model.find((o) => o.operationId === id)!);
    assert.deepEqual(describeSteps(planSteps(spec, model, [])), [
      "CreateProject",
      "RenameProject",
      "WhenMisnamed skipped: x-ms-operation-context.simulate names operation 'CreatePrject', which the spec does not have",
      "WhenMyProjectRenamed: fired by RenameProject as owner@example.com, unsubscribed by DeleteHook, cleaned up by nothing",
      "WhenProjectArchived skipped: try cannot tell which action fires it: name that action in x-ms-operation-context.simulate.operationId (docs/webhooks.md)",
      "WhenProjectCreated: fired by CreateProject, unsubscribed by DeleteHook, cleaned up by DeleteProject",
      "DeleteProject",
    ]);
    // One trigger: the create its firing action needs, and the delete after; the trigger cleans up what it creates.
    assert.deepEqual(describeSteps(planSteps(spec, model, only("WhenMyProjectRenamed"))), [
      "CreateProject (setup)",
      "WhenMyProjectRenamed: fired by RenameProject as owner@example.com, unsubscribed by DeleteHook, cleaned up by nothing",
      "DeleteProject (cleanup)",
    ]);
    assert.deepEqual(describeSteps(planSteps(spec, model, only("WhenProjectCreated"))), [
      "WhenProjectCreated: fired by CreateProject, unsubscribed by DeleteHook, cleaned up by DeleteProject",
    ]);
    // Asking for the unsubscribe DELETE runs the triggers it ends (it needs the id a subscription answers).
    assert.deepEqual(
      describeSteps(planSteps(spec, model, only("DeleteHook"))).map((line) => line.split(":")[0]),
      ["CreateProject (setup)", "WhenMisnamed skipped", "WhenMyProjectRenamed", "WhenProjectArchived skipped", "WhenProjectCreated", "DeleteProject (cleanup)"],
    );
  });
});
