/**
 * One webhook trigger under `conduit try`, as Power Automate and a flow would take it: subscribe a callback on
 * try's receiver, run the action that fires the trigger, wait (a bounded time) for the event and check it against
 * the trigger's x-ms-notification-content with the app's generated event validator, then unsubscribe by deleting
 * the Location the subscription answered, and delete what the firing action created.
 */
import { performance } from "node:perf_hooks";
import type { CompiledValidator } from "../../src/runtime/contract.js";
import { createdId } from "./created.js";
import { describeFailure, send, type Sender } from "./http.js";
import { buildRequest, parameterValue, type TryRequest } from "./inputs.js";
import { createdCollection, type TriggerStep } from "./plan.js";
import type { Callback, TryReceiver } from "./receiver.js";
import { bindPath, judgeAnswer, type CreatedIds, type RunContext, type StepResult } from "./run.js";
import type { VerdictKind } from "./verdict.js";

export interface TriggerContext {
  readonly receiver: TryReceiver;
  /** Trigger name → the event's validator, from the app's build (generated/events/<Trigger>.cts). */
  readonly events: Readonly<Record<string, CompiledValidator | undefined>>;
  /** The headers to call as `user` (try's own user when undefined); a string says why try cannot. */
  headersFor(user: string | undefined): Promise<Readonly<Record<string, string>> | string>;
  /** How long to wait for an event after the action that fires it. */
  readonly eventTimeoutMs: number;
}

export interface TriggerVerdict {
  readonly kind: VerdictKind | "no-event" | "failed";
  /** One line each: what is wrong. */
  readonly problems: readonly string[];
  /** What happened, in a few words, for the line itself: `CreateWorkOrder 201 fired it; unsubscribed 204`. */
  readonly summary: string;
}

type TriggerResult = Extract<StepResult, { kind: "trigger" }> | Extract<StepResult, { kind: "skipped" }>;

export async function runTrigger(step: TriggerStep, context: RunContext, triggers: TriggerContext, ids: CreatedIds, leftBehind: (note: string) => void): Promise<TriggerResult> {
  const operation = step.operation;
  const log: string[] = [];
  const started = performance.now();
  const result = (status: number | undefined, verdict: TriggerVerdict, ms = performance.now() - started): TriggerResult => ({ kind: "trigger", step, status, ms, verdict, log });
  const failed = (problem: string, status?: number): TriggerResult => result(status, { kind: "failed", problems: [problem], summary: "" });

  const involved = [operation, step.fire.operation, ...(step.unsubscribe ? [step.unsubscribe] : []), ...(step.cleanup ? [step.cleanup] : [])];
  for (const o of involved) {
    const stale = context.stale(o);
    if (stale !== undefined) return failed(o === operation ? stale : `${o.operationId}: ${stale}`);
  }
  const validate = triggers.events[operation.name];
  if (validate === undefined) return failed("its event validator is not in the app's build: run `npm run generate` and `npm run build`, or use `conduit dev`");
  const headers = await triggers.headersFor(step.fire.user);
  if (typeof headers === "string") return { kind: "skipped", step, reason: headers };
  const sender: Sender = { url: context.url, headers, ...(context.timeoutMs === undefined ? {} : { timeoutMs: context.timeoutMs }) };
  const callback = triggers.receiver.callback(operation.name);

  // Subscribe, as Power Automate does when a flow is turned on.
  const subscribe = withCallback(buildRequest(context.root, operation, bindPath(operation, ids).bound), step.callback, callback.url);
  const answer = await call(sender, subscribe, log);
  if ("error" in answer) return failed(`the subscription got no answer: ${answer.error}`);
  const subscribed = judgeAnswer(context, operation, answer.response, answer.text);
  if (subscribed.kind !== "ok") return result(answer.response.status, { kind: subscribed.kind, problems: subscribed.problems, summary: "" });
  if (answer.response.status < 200 || answer.response.status > 299) {
    return result(answer.response.status, { kind: "failed", problems: [`the subscription was not made: ${operation.operationId} answered ${answer.response.status}`], summary: "" });
  }
  const problems: string[] = [];
  const location = locationOf(answer.response, sender.url);
  if (step.unsubscribe !== undefined && location === undefined) problems.push("the subscription's answer has no Location: Power Automate could not unsubscribe");

  let outcome: { kind: TriggerVerdict["kind"]; summary: string; ms: number } | undefined;
  try {
    outcome = await fireAndWait(step, context, triggers, ids, sender, subscribe, callback, validate, problems, log, leftBehind);
  } finally {
    // Unsubscribe, as Power Automate does when the flow is turned off; the callback answers 410 from now on.
    const ended = location === undefined ? undefined : await unsubscribe(step, context, sender, location, problems, log);
    callback.close();
    if (location !== undefined && ended === undefined) leftBehind(`${operation.operationId}: the subscription ${location} may still exist`);
    outcome ??= { kind: "failed", summary: "", ms: 0 };
    if (ended !== undefined) outcome = { ...outcome, summary: `${outcome.summary}; unsubscribed ${ended}` };
  }
  const kind = outcome!.kind === "ok" && problems.length > 0 ? "outside" : outcome!.kind;
  return result(answer.response.status, { kind, problems, summary: outcome!.summary }, outcome!.ms);
}

async function fireAndWait(
  step: TriggerStep,
  context: RunContext,
  triggers: TriggerContext,
  ids: CreatedIds,
  sender: Sender,
  subscribe: TryRequest,
  callback: Callback,
  validate: CompiledValidator,
  problems: string[],
  log: string[],
  leftBehind: (note: string) => void,
): Promise<{ kind: TriggerVerdict["kind"]; summary: string; ms: number }> {
  const action = step.fire.operation;
  const request = buildRequest(context.root, action, bindPath(action, ids).bound, simulatedValues(step, context.root, subscribe, ids));
  // The event may come before the action's answer does (the app notifies before it answers): timed from the call.
  const firedAt = performance.now();
  const answer = await call(sender, request, log);
  if ("error" in answer) {
    problems.push(`${action.operationId}, which fires it, got no answer: ${answer.error}`);
    return { kind: "failed", summary: "", ms: 0 };
  }
  const status = answer.response.status;
  const fired = `${action.operationId} ${status}`;
  const as = step.fire.user === undefined ? "" : ` as ${step.fire.user}`;
  // Whatever the firing action created goes again, whether or not the event came.
  const collection = createdCollection(action, context.all);
  const made = status >= 200 && status < 300 && collection !== undefined ? createdId(answer.response, answer.text, collection, context.all) : undefined;
  try {
    if (status < 200 || status > 299) {
      const verdict = judgeAnswer(context, action, answer.response, answer.text);
      problems.push(`${action.operationId}, which fires it, answered ${status}${verdict.problems.length > 0 ? ":" : ""}`, ...verdict.problems.map((p) => `  ${p}`));
      return { kind: "failed", summary: `${fired}${as}`, ms: 0 };
    }
    const event = await callback.next(triggers.eventTimeoutMs);
    if (event === undefined) {
      const who = step.fire.user === undefined ? "" : ` (it fires for ${step.fire.user})`;
      problems.push(`no event within ${triggers.eventTimeoutMs / 1000} s after ${fired}${who}`);
      return { kind: "no-event", summary: `${fired}${as}`, ms: performance.now() - firedAt };
    }
    log.push(`  < event ${event.headers["webhook-id"] ?? ""} ${event.text.slice(0, 2_000)}`);
    problems.push(...eventProblems(event.headers["content-type"], event.text, validate));
    return { kind: problems.length > 0 ? "outside" : "ok", summary: `${fired} fired it${as}`, ms: event.at - firedAt };
  } finally {
    if (made !== undefined) await removeCreated(step, context, sender, made, log, leftBehind);
  }
}

/** The firing action's inputs from x-ms-operation-context.simulate: values, or the subscription's own inputs. */
function simulatedValues(step: TriggerStep, root: unknown, subscribe: TryRequest, ids: CreatedIds): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const trigger = step.operation;
  for (const [name, given] of step.fire.parameters) {
    if (given.kind === "value") {
      out.set(name, given.value);
      continue;
    }
    const parameter = trigger.parameters.find((p) => p.name === given.name);
    if (parameter !== undefined) {
      out.set(name, (parameter.in === "path" ? bindPath(trigger, ids).bound.get(parameter.name) : undefined) ?? parameterValue(root, parameter));
      continue;
    }
    const body = subscribe.body?.kind === "json" ? subscribe.body.value : undefined;
    if (trigger.body?.name === given.name) out.set(name, body);
    else if (typeof body === "object" && body !== null && given.name in body) out.set(name, (body as Record<string, unknown>)[given.name]);
  }
  return out;
}

function withCallback(request: TryRequest, path: readonly string[], url: string): TryRequest {
  const base = request.body?.kind === "json" && typeof request.body.value === "object" && request.body.value !== null ? structuredClone(request.body.value) : {};
  let node = base as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1)!] = url;
  return { ...request, body: { kind: "json", contentType: request.body?.contentType ?? "application/json", value: base } };
}

/** An event as Power Automate takes it: JSON, within the trigger's x-ms-notification-content schema. */
export function eventProblems(contentType: string | string[] | undefined, text: string, validate: CompiledValidator): string[] {
  const type = String(contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json" && !type.endsWith("+json")) return [`the event's content-type is ${contentType ?? "(none)"}: Power Automate reads JSON`];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return [`the event is not JSON: ${(error as Error).message}`];
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `event${e.instancePath} ${e.message ?? e.keyword}`);
}

/** The answer's Location, absolute; undefined without one (or one that is not a URL). */
function locationOf(response: Response, base: string): string | undefined {
  const value = response.headers.get("location");
  if (value === null || value === "") return undefined;
  try {
    return new URL(value, `${base}/`).toString();
  } catch {
    return undefined;
  }
}

/** DELETE on the Location; its status when it answered, checked against the DELETE's contract when the spec has one. */
async function unsubscribe(step: TriggerStep, context: RunContext, sender: Sender, location: string, problems: string[], log: string[]): Promise<number | undefined> {
  if (new URL(location).origin !== new URL(sender.url).origin) {
    problems.push(`the Location ${location} is not on the app's host (${new URL(sender.url).origin}): try does not call it`);
    return undefined;
  }
  let response: Response;
  let text: string;
  try {
    log.push(`  > DELETE ${location}`);
    response = await fetch(location, { method: "DELETE", headers: sender.headers, redirect: "manual", signal: AbortSignal.timeout(sender.timeoutMs ?? 30_000) });
    text = await response.text();
    log.push(`  < ${response.status} ${text.slice(0, 2_000)}`);
  } catch (error) {
    problems.push(`unsubscribing got no answer: ${describeFailure(error)}`);
    return undefined;
  }
  if (step.unsubscribe !== undefined) {
    const verdict = judgeAnswer(context, step.unsubscribe, response, text);
    if (verdict.kind !== "ok") problems.push(`${step.unsubscribe.operationId} (unsubscribe) answered ${response.status}: ${verdict.kind}`, ...verdict.problems.map((p) => `  ${p}`));
  }
  if (response.status < 200 || response.status > 299) problems.push(`unsubscribing answered ${response.status}: the subscription may still exist`);
  return response.status;
}

async function removeCreated(step: TriggerStep, context: RunContext, sender: Sender, id: string, log: string[], leftBehind: (note: string) => void): Promise<void> {
  const by = step.fire.operation.operationId;
  if (step.cleanup === undefined) {
    leftBehind(`${by} created ${id} to fire ${step.operation.operationId}, and the run had no way to delete it`);
    return;
  }
  const variable = step.cleanup.path.match(/\{([^}]+)\}\/?$/)?.[1];
  const request = buildRequest(context.root, step.cleanup, new Map(variable === undefined ? [] : [[variable, id]]));
  const answer = await call(sender, request, log);
  if ("error" in answer || answer.response.status < 200 || answer.response.status > 299) {
    leftBehind(`${by} created ${id} to fire ${step.operation.operationId}; ${step.cleanup.operationId} did not delete it`);
  }
}

async function call(sender: Sender, request: TryRequest, log: string[]): Promise<{ response: Response; text: string } | { error: string }> {
  log.push(`  > ${request.method} ${request.path}${request.body?.kind === "json" ? ` ${JSON.stringify(request.body.value)}` : ""}`);
  try {
    const response = await send(sender, request);
    const text = await response.text();
    log.push(`  < ${response.status} ${text.slice(0, 2_000)}`);
    return { response, text };
  } catch (error) {
    const reason = describeFailure(error);
    log.push(`  < no answer: ${reason}`);
    return { error: reason };
  }
}
