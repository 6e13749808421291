/**
 * subscribe and unsubscribe as the generated handlers call them, for a trigger of another shape than the sample's
 * (a nested callback, a DELETE with the project in its path): real @azure/functions requests, real Table storage.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import pkg from "@azure/functions";
import type { HandlerContext } from "../../src/runtime/handler.js";
import { HttpProblemError } from "../../src/runtime/errors.js";
import { callerFromClaims } from "../../src/auth/caller.js";
import { configureWebhooks, subscribe, unsubscribe, type TriggerSpec } from "../../src/webhooks/runtime.js";
import { readWebhookSettings } from "../../src/webhooks/settings.js";
import { listOwnSubscriptions, listSubscriptions } from "../../src/webhooks/subscriptions.js";
import { useAzurite } from "../helpers/azurite.js";

const { HttpRequest, InvocationContext } = pkg;

const TRIGGER: TriggerSpec = {
  name: "WhenProjectEventsHappen",
  kind: "batch",
  route: "projects/{projectId}/events",
  callback: ["notification", "url"],
  unsubscribe: { route: "projects/{projectId}/events/{subscriptionId}", idParameter: "subscriptionId" },
  event: async () => Object.assign(() => true, { errors: null }),
};

function context(url: string, params: Record<string, string>, user?: { oid: string; tid: string; upn?: string }): HandlerContext {
  return {
    invocation: new InvocationContext({ functionName: TRIGGER.name, invocationId: "test" }),
    request: new HttpRequest({ method: "POST", url, params }),
    publicUrl: url,
    caller: user === undefined ? undefined : callerFromClaims({ oid: user.oid, tid: user.tid, preferred_username: user.upn }, "token"),
  };
}

const request = (projectId: string, url: string, kinds: string[] = []) => ({ path: { projectId }, query: {}, headers: {}, body: { kinds, notification: { url } } });
const ANA = { oid: "00000000-0000-0000-0000-00000000000a", tid: "11111111-1111-1111-1111-111111111111", upn: "ana@contoso.com" };
const BEN = { oid: "00000000-0000-0000-0000-00000000000b", tid: "11111111-1111-1111-1111-111111111111" };

describe("subscribe and unsubscribe", () => {
  useAzurite();
  before(() => {
    configureWebhooks(readWebhookSettings({ CONDUIT_WEBHOOK_ALLOWED_HOSTS: "hooks.contoso.com" }));
  });

  test("the callback from where the spec puts it; Location on the request's host, the project filled in, escaped", async () => {
    const url = "https://hooks.contoso.com/flows/1?sig=abc";
    const answer = await subscribe(TRIGGER, request("p 1/2", url, ["opened"]), context("https://app.contoso.com/api/projects/p%201%2F2/events", { projectId: "p 1/2" }, ANA));
    assert.equal(answer.created, true);
    assert.equal(answer.location, `https://app.contoso.com/api/projects/p%201%2F2/events/${answer.subscription.id}`);
    assert.equal(answer.subscription.callbackUrl, url);
    assert.deepEqual(answer.subscription.owner, { tenantId: ANA.tid, objectId: ANA.oid, userPrincipalName: ANA.upn });
    assert.deepEqual(answer.subscription.parameters, { path: { projectId: "p 1/2" }, query: {}, body: { kinds: ["opened"], notification: { url } } });

    const again = await subscribe(TRIGGER, request("p 1/2", url, ["opened"]), context("https://app.contoso.com/api/projects/p%201%2F2/events", { projectId: "p 1/2" }, ANA));
    assert.equal(again.created, false);
    assert.equal(again.subscription.id, answer.subscription.id, "a duplicate is the same subscription");
    const changed = await subscribe(TRIGGER, request("p 1/2", url, ["closed"]), context("https://app.contoso.com/api/projects/p%201%2F2/events", { projectId: "p 1/2" }, ANA));
    assert.notEqual(changed.subscription.id, answer.subscription.id, "other inputs, another subscription");

    const ctx = context("https://app.contoso.com/api/projects/p/events/x", {}, BEN);
    await assert.rejects(unsubscribe([TRIGGER.name], answer.subscription.id, ctx), (error: unknown) => error instanceof HttpProblemError && error.status === 404);
    await unsubscribe([TRIGGER.name], answer.subscription.id, context("https://app.contoso.com/api/x", {}, ANA));
    assert.deepEqual((await listOwnSubscriptions({ tenantId: ANA.tid, objectId: ANA.oid })).map((s) => s.id), [changed.subscription.id]);
  });

  test("a request URL with a trailing slash gets the same Location", async () => {
    const answer = await subscribe(TRIGGER, request("p4", "https://hooks.contoso.com/f/4"), context("https://app.contoso.com/api/projects/p4/events/", { projectId: "p4" }, ANA));
    assert.equal(answer.location, `https://app.contoso.com/api/projects/p4/events/${answer.subscription.id}`);
  });

  test("without a signed-in caller (no OAuth on the trigger), subscriptions belong to one anonymous owner", async () => {
    const answer = await subscribe(TRIGGER, request("p2", "https://hooks.contoso.com/f/2"), context("https://app.contoso.com/api/projects/p2/events", { projectId: "p2" }));
    assert.deepEqual(answer.subscription.owner, { tenantId: "", objectId: "" });
    assert.ok((await listSubscriptions(TRIGGER.name)).some((s) => s.id === answer.subscription.id));
  });

  test("a missing or refused callback is a 400 problem, whatever the operation declares", async () => {
    const ctx = context("https://app.contoso.com/api/projects/p3/events", { projectId: "p3" }, ANA);
    const missing = { path: { projectId: "p3" }, query: {}, headers: {}, body: { notification: {} } };
    await assert.rejects(subscribe(TRIGGER, missing, ctx), (error: unknown) => error instanceof HttpProblemError && error.status === 400 && /body\.notification\.url must hold the callback URL/.test(error.message));
    await assert.rejects(subscribe(TRIGGER, request("p3", "https://prod-1.westus.logic.azure.com/f"), ctx), (error: unknown) =>
      error instanceof HttpProblemError && error.status === 400 && /CONDUIT_WEBHOOK_ALLOWED_HOSTS allows hooks\.contoso\.com/.test(error.message),
    );
  });
});
