/**
 * Which action makes a trigger fire, read from the spec: Power Platform's `x-ms-operation-context.simulate`
 * (`operationId`, and `parameters` as in x-ms-dynamic-values: a value, or `{parameter: <the trigger's own>}`),
 * and, for a trigger that fires for one user only ("assigned to me"), who that user is: `x-conduit-try.user`.
 * Pure: the spec in, the simulation or the reason there is none out.
 */
import type { OperationModel } from "../model/model.js";
import { dereference, getAtPath, isObject } from "../model/refs.js";

/** A value the spec sets for one of the firing action's parameters. */
export type SimulatedValue = { readonly kind: "value"; readonly value: unknown } | { readonly kind: "parameter"; readonly name: string };

export interface Simulation {
  /** The action that makes the trigger fire. */
  readonly operation: OperationModel;
  /** By the action's parameter name (the body's too). */
  readonly parameters: ReadonlyMap<string, SimulatedValue>;
  /** The sign-in the trigger fires for (subscribe and fire as them); else try's own user. */
  readonly user?: string;
}

export const SIMULATE = "x-ms-operation-context";
export const CONDUIT_TRY = "x-conduit-try";

export function readSimulation(root: unknown, trigger: OperationModel, all: readonly OperationModel[]): Simulation | { readonly reason: string } {
  const raw = dereference(root, getAtPath(root, trigger.location.map(String))).value;
  const operation = isObject(raw) ? raw : {};
  const context = operation[SIMULATE];
  const simulate = isObject(context) ? context["simulate"] : undefined;
  if (!isObject(simulate) || typeof simulate["operationId"] !== "string") {
    return { reason: `try cannot tell which action fires it: name that action in ${SIMULATE}.simulate.operationId (docs/webhooks.md)` };
  }
  const id = simulate["operationId"];
  const action = all.find((o) => o.operationId === id);
  if (action === undefined) return { reason: `${SIMULATE}.simulate names operation '${id}', which the spec does not have` };
  if (action === trigger || isTrigger(root, action)) return { reason: `${SIMULATE}.simulate names '${id}', a trigger: name the action that makes this one fire` };

  const parameters = new Map<string, SimulatedValue>();
  const given = isObject(simulate["parameters"]) ? simulate["parameters"] : {};
  for (const [name, value] of Object.entries(given)) {
    parameters.set(name, isObject(value) && typeof value["parameter"] === "string" && Object.keys(value).length === 1 ? { kind: "parameter", name: value["parameter"] } : { kind: "value", value });
  }
  const hint = operation[CONDUIT_TRY];
  const user = isObject(hint) && typeof hint["user"] === "string" && hint["user"].trim() !== "" ? hint["user"].trim() : undefined;
  return { operation: action, parameters, ...(user === undefined ? {} : { user }) };
}

export function isTrigger(root: unknown, operation: OperationModel): boolean {
  const raw = getAtPath(root, operation.location.map(String));
  return isObject(raw) && raw["x-ms-trigger"] !== undefined;
}
