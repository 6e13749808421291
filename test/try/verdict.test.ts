/** How `conduit try` judges an answer, with validators ajv compiled from the sample fixture. */
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, test } from "node:test";
import type { OperationBinding } from "../../src/runtime/contract.js";
import { loadMockApi } from "../../scripts/serve/mock.js";
import { judge, type Answer, type Credentials } from "../../scripts/try/verdict.js";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";

const TECHNICIANS = { value: [{ id: "tech-1", displayName: "Ana", available: true }] };

describe("the verdict of conduit try", () => {
  let bindings: ReadonlyMap<string, OperationBinding>;
  const verdict = (operationId: string, answer: Partial<Answer> & { status: number }) => {
    const binding = bindings.get(operationId)!;
    return judge(binding.operation.responses, binding.validators, { contentType: "application/json; charset=utf-8", text: "", ...answer });
  };

  before(async () => {
    const api = await loadMockApi(path.join(SAMPLE_FIXTURE, "apiDefinition.swagger.yaml"));
    bindings = new Map(api.bindings.map((b) => [b.operation.operationId, b]));
  });

  test("a declared status with a body its schema accepts is within the contract", () => {
    assert.deepEqual(verdict("ListTechnicians", { status: 200, text: JSON.stringify(TECHNICIANS) }), { kind: "ok", problems: [] });
    assert.deepEqual(verdict("DeleteWorkOrder", { status: 204, contentType: undefined }), { kind: "ok", problems: [] });
    assert.deepEqual(verdict("GetWorkOrder", { status: 404, contentType: "application/problem+json", text: '{"status":404}' }), { kind: "ok", problems: [] });
  });

  test("a body its schema refuses is outside the contract, field by field", () => {
    const bad = { value: [{ id: "tech-1", available: "yes" }] };
    const result = verdict("ListTechnicians", { status: 200, text: JSON.stringify(bad) });
    assert.equal(result.kind, "outside");
    assert.deepEqual([...result.problems].sort(), ["body/value/0 must have required property 'displayName'", "body/value/0/available must be boolean"]);
  });

  test("an undeclared status, a missing body, a body that is not JSON: outside the contract", () => {
    assert.deepEqual(verdict("ListTechnicians", { status: 418, text: "" }).problems, ["status 418 is not declared (the spec declares 200, 400)"]);
    assert.deepEqual(verdict("ListTechnicians", { status: 200, text: "" }), { kind: "outside", problems: ["no body: the spec declares a 200 body"] });
    assert.equal(verdict("ListTechnicians", { status: 200, contentType: "text/html", text: "<p>hi</p>" }).kind, "outside");
    assert.match(verdict("ListTechnicians", { status: 200, text: "{oops" }).problems[0]!, /^the body is not JSON/);
  });

  test("a stub's 501 is not implemented yet, not a failure", () => {
    assert.deepEqual(verdict("GetWorkOrder", { status: 501, contentType: "application/problem+json", text: '{"detail":"GetWorkOrder is not implemented yet."}' }), { kind: "not-implemented", problems: [] });
  });

  test("a refusal of try's own request says why, even where the spec declares the status", () => {
    const invalid = verdict("CreateWorkOrder", {
      status: 400,
      contentType: "application/problem+json",
      text: JSON.stringify({ detail: "1 input is not valid for CreateWorkOrder; see errors.", errors: [{ in: "body", name: "/title", message: "is required" }] }),
    });
    assert.deepEqual(invalid, { kind: "refused", problems: ["1 input is not valid for CreateWorkOrder; see errors.", "  body /title: is required"] });
    const token = verdict("GetWorkOrder", {
      status: 401,
      contentType: "application/problem+json",
      wwwAuthenticate: 'Bearer error="invalid_token", error_description="The access token is from another issuer"',
      text: JSON.stringify({ detail: "The access token is from another issuer." }),
    });
    assert.equal(token.kind, "refused");
    assert.deepEqual(token.problems, ["The access token is from another issuer", "the token try sent was refused: see --key, --token and --user"]);
  });
  test("a 401 says which credential try sent and how to pass the right one", () => {
    const binding = { status: 401, contentType: "application/problem+json", wwwAuthenticate: 'Bearer error="invalid_token"', text: "" };
    const get = bindings.get("GetWorkOrder")!;
    const hint = (sent: Credentials) => judge(get.operation.responses, get.validators, binding, sent).problems.at(-1);
    assert.match(hint({ key: true, token: { kind: "none", why: "the app at api.example.com is not on this machine" } })!, /^try sent no token \(the app at api\.example\.com is not on this machine\): pass one with --token TOKEN/);
    assert.match(hint({ key: true, token: { kind: "given" } })!, /^the token given with --token was refused/);
    assert.match(hint({ key: true, token: { kind: "local", user: "bob", issuer: "http://127.0.0.1:1/t/v2.0" } })!, /^the token try signed for bob \(issuer http:\/\/127\.0\.0\.1:1\/t\/v2\.0\) was refused/);
    const noKey = judge(get.operation.responses, get.validators, { status: 401, contentType: undefined, text: "" }, { key: false, token: { kind: "given" } });
    assert.match(noKey.problems.at(-1)!, /^try sent no function key: pass it with --key KEY/);
  });
});
