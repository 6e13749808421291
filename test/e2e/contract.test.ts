import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, test } from "node:test";
import type { CompiledValidator, OperationValidators } from "../../src/runtime/contract.js";
import { generate } from "../../scripts/generate/generate.js";
import { isObject } from "../../scripts/model/refs.js";
import { loadSwagger } from "../../scripts/spec/load.js";
import { repositoryRoot } from "../generate/sample-project.js";

// The project's own generated/validators.ts, as compiled beside this test: what the function app loads.
const validatorsModule = new URL("../../generated/validators.js", import.meta.url);

type Validators = Record<string, OperationValidators>;

function check(validator: CompiledValidator | undefined, data: unknown): string[] {
  assert.ok(validator, "the validator exists");
  return validator(data) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
}

const request = (parts: { path?: object; query?: object; headers?: object; body?: unknown }) => ({
  path: {},
  query: {},
  headers: {},
  ...parts,
});

describe("the app's generated validators, against the project's spec", () => {
  let validators: Validators;
  let spec: Awaited<ReturnType<typeof loadSwagger>>["data"];

  before(async () => {
    validators = ((await import(validatorsModule.href)) as { validators: Validators }).validators;
    spec = (await loadSwagger(path.join(repositoryRoot, "spec", "apiDefinition.swagger.yaml"))).data;
  });

  test("the committed generated/ is what the spec generates (generate --check)", async () => {
    const result = await generate({ root: repositoryRoot, check: true });
    assert.deepEqual(result.files.filter((f) => f.status !== "unchanged"), []);
  });

  test("every response example in the spec passes its response validator", () => {
    let checked = 0;
    for (const item of Object.values(spec.paths ?? {})) {
      for (const operation of Object.values(item).filter(isObject)) {
        const responses = isObject(operation["responses"]) ? operation["responses"] : {};
        for (const [status, response] of Object.entries(responses)) {
          const example = isObject(response) && isObject(response["examples"]) ? response["examples"]["application/json"] : undefined;
          if (example === undefined) continue;
          const id = String(operation["operationId"]);
          assert.deepEqual(check(validators[id]?.responses[status], example), [], `${id} ${status}`);
          checked++;
        }
      }
    }
    // The sample's five; an operation added the README's way brings its own example, which is checked too.
    assert.ok(checked >= 5, `${checked} examples checked`);
  });

  test("the definitions' examples pass as request bodies", () => {
    const definitions = spec.definitions as Record<string, { example?: unknown }>;
    assert.deepEqual(check(validators["CreateWorkOrder"]?.request, request({ body: definitions["NewWorkOrder"]?.example })), []);
    assert.deepEqual(check(validators["UpdateWorkOrder"]?.request, request({ path: { workOrderId: "x" }, body: definitions["WorkOrderChanges"]?.example })), []);
  });

  const refusals: { name: string; operation: string; status?: string; data: unknown; errors: string[] }[] = [
    { name: "a body without its required fields, every one listed", operation: "CreateWorkOrder", data: request({ body: { title: "t" } }), errors: ["/body required", "/body required"] },
    { name: "a missing required body", operation: "CreateWorkOrder", data: request({}), errors: [" required"] },
    { name: "a string too long and an enum value outside the list", operation: "CreateWorkOrder", data: request({ body: { title: "x".repeat(121), customerName: "c", siteAddress: "s", priority: "asap" } }), errors: ["/body/title maxLength", "/body/priority enum"] },
    { name: "a date-time that is not one", operation: "CreateWorkOrder", data: request({ body: { title: "t", customerName: "c", siteAddress: "s", scheduledFor: "tomorrow" } }), errors: ["/body/scheduledFor format"] },
    { name: "an empty change set (minProperties)", operation: "UpdateWorkOrder", data: request({ path: { workOrderId: "x" }, body: {} }), errors: ["/body minProperties"] },
    { name: "a missing path parameter", operation: "GetWorkOrder", data: request({}), errors: ["/path required"] },
    { name: "a page size out of range and a priority outside the list", operation: "ListWorkOrders", data: request({ query: { top: 500, priority: ["high", "asap"] } }), errors: ["/query/top maximum", "/query/priority/1 enum"] },
    { name: "a response without its readOnly id", operation: "GetWorkOrder", status: "200", data: { title: "t", status: "new", priority: "low", customerName: "c", siteAddress: "s", createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z" }, errors: [" required"] },
  ];
  for (const r of refusals) {
    test(`refuses ${r.name}`, () => {
      const operation = validators[r.operation];
      const validator = r.status === undefined ? operation?.request : operation?.responses[r.status];
      assert.deepEqual(check(validator, r.data).sort(), [...r.errors].sort());
    });
  }

  test("accepts query parameters the spec does not declare, and defaults-only requests", () => {
    assert.deepEqual(check(validators["ListWorkOrders"]?.request, request({ query: { top: 50, other: "x" } })), []);
    assert.deepEqual(check(validators["ListTechnicians"]?.request, request({ query: { available: true } })), []);
  });
});
