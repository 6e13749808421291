/**
 * Runs planned steps against the app over HTTP, one after another: builds each request, sends it with the
 * function key and the token as the connector would, judges the answer, and carries the ids that creates return
 * to the actions that address what they created. Trigger steps go to trigger.ts.
 */
import { performance } from "node:perf_hooks";
import type { OperationModel } from "../model/model.js";
import type { OperationSpec, OperationValidators } from "../../src/runtime/contract.js";
import { createdId } from "./created.js";
import { describeFailure, send } from "./http.js";
import { buildRequest, type TryRequest } from "./inputs.js";
import { createdCollection, pathVariables, type Step, type TriggerStep } from "./plan.js";
import { runTrigger, type TriggerContext, type TriggerVerdict } from "./trigger.js";
import { judge, type Credentials, type Verdict } from "./verdict.js";

/** The app's contract as its build has it: generated/operations.ts and generated/validators.ts. */
export interface GeneratedContract {
  readonly operations: Readonly<Record<string, OperationSpec>>;
  readonly validators: Readonly<Record<string, OperationValidators>>;
}

export interface RunContext {
  /** The spec document (references inside it resolvable). */
  readonly root: unknown;
  readonly all: readonly OperationModel[];
  /** The app's root URL with the route prefix, no trailing slash. */
  readonly url: string;
  /** Sent with every call: the function key, the bearer token. */
  readonly headers: Readonly<Record<string, string>>;
  /** What those headers prove, for the hint on a 401 or 403. */
  readonly credentials?: Credentials;
  readonly contract: GeneratedContract;
  /** The build's view of an operation differs from the spec's: a reason, else undefined. */
  readonly stale: (operation: OperationModel) => string | undefined;
  readonly timeoutMs?: number;
  /** What trigger steps need, or why they cannot run against this app (the mock, an app elsewhere). */
  readonly triggers?: TriggerContext | { readonly skip: string };
}

export type StepResult =
  | { readonly kind: "skipped"; readonly step: Step; readonly reason: string }
  | {
      readonly kind: "called";
      readonly step: Step & { kind: "call" };
      readonly request: TryRequest;
      readonly status: number;
      readonly ms: number;
      readonly verdict: Verdict;
      readonly responseText: string;
    }
  | { readonly kind: "failed"; readonly step: Step & { kind: "call" }; readonly request?: TryRequest; readonly reason: string; readonly ms: number }
  | {
      readonly kind: "trigger";
      readonly step: TriggerStep;
      /** The subscription's status (undefined when it got no answer). */
      readonly status: number | undefined;
      /** From the firing action's call to the event's arrival (or the time spent, when none came). */
      readonly ms: number;
      readonly verdict: TriggerVerdict;
      /** What happened, in order, for --verbose: requests, answers, the event. */
      readonly log: readonly string[];
    };

export interface RunOutcome {
  readonly results: readonly StepResult[];
  /** What the run created and did not delete (the spec has no delete, or it failed). */
  readonly leftBehind: readonly string[];
}

/** Ids of what the run created, by the collection they were created in. */
export type CreatedIds = Map<string, { id: string; by: string }>;

export async function runSteps(steps: readonly Step[], context: RunContext, report: (result: StepResult) => void): Promise<RunOutcome> {
  const ids: CreatedIds = new Map();
  const results: StepResult[] = [];
  const leftBehind: string[] = [];
  const emit = (result: StepResult): void => {
    results.push(result);
    report(result);
  };
  for (const step of steps) {
    if (step.kind === "skip") {
      emit({ kind: "skipped", step, reason: step.reason });
      continue;
    }
    if (step.kind === "trigger") {
      if (context.triggers === undefined) emit({ kind: "skipped", step, reason: "triggers are not run here" });
      else if ("skip" in context.triggers) emit({ kind: "skipped", step, reason: context.triggers.skip });
      else emit(await runTrigger(step, context, context.triggers, ids, (note) => leftBehind.push(note)));
      continue;
    }
    const operation = step.operation;
    const stale = context.stale(operation);
    if (stale !== undefined) {
      emit({ kind: "failed", step, reason: stale, ms: 0 });
      continue;
    }
    const { bound, missing } = bindPath(operation, ids);
    if (step.role === "cleanup" && missing.length > 0) {
      emit({ kind: "skipped", step, reason: "cleanup: nothing was created to delete" });
      continue;
    }
    const request = buildRequest(context.root, operation, bound);
    const started = performance.now();
    let response: Response;
    let text: string;
    try {
      response = await send(context, request);
      text = await response.text();
    } catch (error) {
      emit({ kind: "failed", step, request, reason: `no answer: ${describeFailure(error)}`, ms: performance.now() - started });
      continue;
    }
    const ms = performance.now() - started;
    const verdict = judgeAnswer(context, operation, response, text);
    emit({ kind: "called", step, request, status: response.status, ms, verdict, responseText: text });
    const ok = response.status >= 200 && response.status < 300;
    const collection = createdCollection(operation, context.all);
    if (ok && collection !== undefined) {
      const id = createdId(response, text, collection, context.all);
      if (id !== undefined) ids.set(collection, { id, by: operation.operationId });
    }
    if (ok && operation.method === "DELETE") {
      const variable = pathVariables(operation.path).at(-1);
      if (variable !== undefined && ids.get(variable.collection)?.id === bound.get(variable.name)) ids.delete(variable.collection);
    }
  }
  leftBehind.push(...[...ids.values()].map(({ id, by }) => `${by} created ${id}, and the run had no way to delete it`));
  return { results, leftBehind };
}

/** The operation's path variables that earlier creates answered, and those none did. */
export function bindPath(operation: OperationModel, ids: CreatedIds): { bound: Map<string, string>; missing: string[] } {
  const bound = new Map<string, string>();
  const missing: string[] = [];
  for (const variable of pathVariables(operation.path)) {
    const created = ids.get(variable.collection);
    if (created !== undefined) bound.set(variable.name, created.id);
    else missing.push(variable.name);
  }
  return { bound, missing };
}

/** An answer against the operation's contract in the app's build. */
export function judgeAnswer(context: Pick<RunContext, "contract" | "credentials">, operation: OperationModel, response: Response, text: string): Verdict {
  return judge(
    context.contract.operations[operation.name]!.responses,
    context.contract.validators[operation.name]!,
    {
      status: response.status,
      contentType: response.headers.get("content-type") ?? undefined,
      wwwAuthenticate: response.headers.get("www-authenticate") ?? undefined,
      text,
    },
    context.credentials,
  );
}
