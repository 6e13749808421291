/**
 * The order `conduit try` calls a connector's actions in, so that a run means something and leaves nothing behind:
 * what creates a resource first, then what reads, then what changes, then the webhook triggers, then what deletes
 * (deepest first); an action on `/things/{id}` gets the id that the create on `/things` returned. When only some
 * actions are asked for, the create they need runs before them (setup) and the delete after them (cleanup).
 *
 * A webhook trigger is one step: subscribe a receiver, run the action that fires it (x-ms-operation-context
 * .simulate), wait for the event, unsubscribe with its DELETE. Its DELETE is never a step of its own (it needs the
 * id a subscription returns); asking for it runs its trigger. Pure: spec model in, steps out.
 */
import type { OperationModel } from "../model/model.js";
import { buildWebhookModel } from "../model/webhooks.js";
import { isTrigger, readSimulation, type Simulation } from "./simulate.js";

export type StepRole = "requested" | "setup" | "cleanup";

export interface TriggerStep {
  readonly kind: "trigger";
  readonly operation: OperationModel;
  readonly role: StepRole;
  /** Property names from the subscribe body down to the callback URL. */
  readonly callback: readonly string[];
  /** The DELETE that ends the subscription (its Location), when the spec has one. */
  readonly unsubscribe?: OperationModel;
  readonly fire: Simulation;
  /** Deletes what the firing action creates, when it creates. */
  readonly cleanup?: OperationModel;
}

export type Step =
  | { readonly kind: "call"; readonly operation: OperationModel; readonly role: StepRole }
  | TriggerStep
  | { readonly kind: "skip"; readonly operation: OperationModel; readonly reason: string };

export type OperationKind = "action" | "trigger";

/** A trigger (`x-ms-trigger`) fires into a flow; everything else is an action a flow or canvas app calls. */
export function operationKind(root: unknown, operation: OperationModel): OperationKind {
  return isTrigger(root, operation) ? "trigger" : "action";
}

/** `/workorders/{workOrderId}` → ["workorders", "{}"]: variable names do not tell resources apart. */
export function shape(path: string): string {
  return path
    .split("/")
    .filter((s) => s !== "")
    .map((s) => (/^\{[^}]*\}$/.test(s) ? "{}" : s))
    .join("/");
}

/** Each `{variable}` of the path with the shape of the collection it indexes: `/a/{x}/b/{y}` → x in `a`, y in `a/{}/b`. */
export function pathVariables(path: string): { readonly name: string; readonly collection: string }[] {
  const segments = path.split("/").filter((s) => s !== "");
  const out: { name: string; collection: string }[] = [];
  segments.forEach((segment, index) => {
    const match = /^\{([^}]+)\}$/.exec(segment);
    if (match) out.push({ name: match[1]!, collection: shape(`/${segments.slice(0, index).join("/")}`) });
  });
  return out;
}

/** The collection a POST creates into: its path, when some other operation addresses `<path>/{id}`. */
export function createdCollection(operation: OperationModel, all: readonly OperationModel[]): string | undefined {
  if (operation.method !== "POST" || /\}\/?$/.test(operation.path)) return undefined;
  const collection = shape(operation.path);
  return all.some((o) => pathVariables(o.path).some((v) => v.collection === collection)) ? collection : undefined;
}

const PHASE: Readonly<Record<string, number>> = { GET: 1, HEAD: 1, OPTIONS: 1, PUT: 2, PATCH: 2, POST: 2, DELETE: 3 };

function depth(operation: OperationModel): number {
  return operation.path.split("/").filter((s) => s !== "").length;
}

/** Creates, reads, changes, deletes; shallow before deep, except deletes (children go before their parent). */
export function callOrder(operations: readonly OperationModel[], all: readonly OperationModel[] = operations): OperationModel[] {
  const phase = (o: OperationModel) => (createdCollection(o, all) !== undefined ? 0 : (PHASE[o.method] ?? 2));
  return operations
    .map((operation, index) => ({ operation, index }))
    .sort((a, b) => {
      const byPhase = phase(a.operation) - phase(b.operation);
      if (byPhase !== 0) return byPhase;
      const byDepth = (phase(a.operation) === 3 ? -1 : 1) * (depth(a.operation) - depth(b.operation));
      return byDepth !== 0 ? byDepth : a.index - b.index;
    })
    .map(({ operation }) => operation);
}

/** The delete for items of a collection: `DELETE <collection>/{id}`, an action. */
function removerOf(collection: string, all: readonly OperationModel[], kinds: ReadonlyMap<OperationModel, OperationKind>): OperationModel | undefined {
  return all.find((o) => o.method === "DELETE" && shape(o.path) === `${collection}/{}` && kinds.get(o) === "action");
}

/**
 * The steps for the operations asked for (all when `requested` is empty): each action once, in call order, with
 * the creates they depend on as setup and a delete for what the run creates as cleanup; each trigger once.
 */
export function planSteps(root: unknown, all: readonly OperationModel[], requested: readonly OperationModel[]): Step[] {
  const kinds = new Map(all.map((o) => [o, operationKind(root, o)]));
  const webhooks = buildWebhookModel(root, { basePath: "", operations: all, diagnostics: [] });
  const byName = new Map(all.map((o) => [o.name, o]));
  // An unsubscribe DELETE is part of its triggers' steps.
  const unsubscribes = new Map(webhooks.unsubscribes.map((u) => [byName.get(u.name)!, u.triggers.map((t) => byName.get(t)!)]));
  const wanted = (requested.length === 0 ? [...all] : [...requested]).flatMap((o) => unsubscribes.get(o) ?? [o]);
  const creators = new Map<string, OperationModel>();
  for (const operation of all) {
    const collection = createdCollection(operation, all);
    if (collection !== undefined && kinds.get(operation) === "action" && !unsubscribes.has(operation)) creators.set(collection, operation);
  }
  const simulations = new Map<OperationModel, Simulation | { reason: string }>();
  for (const operation of all) if (kinds.get(operation) === "trigger") simulations.set(operation, readSimulation(root, operation, all));
  const roles = new Map<OperationModel, StepRole>(wanted.map((o) => [o, "requested"]));
  // Setup: the creates that the wanted actions' path variables come from (a trigger's: its firing action's), and theirs in turn.
  const queue = [...wanted];
  while (queue.length > 0) {
    const operation = queue.shift()!;
    const simulation = simulations.get(operation);
    const needs = [operation, ...(simulation !== undefined && "operation" in simulation ? [simulation.operation] : [])];
    for (const variable of needs.flatMap((o) => pathVariables(o.path))) {
      const creator = creators.get(variable.collection);
      if (creator !== undefined && !roles.has(creator)) {
        roles.set(creator, "setup");
        queue.push(creator);
      }
    }
  }
  // Cleanup: a delete for each collection the run creates into, unless the run deletes there already.
  for (const operation of [...roles.keys()]) {
    const collection = createdCollection(operation, all);
    if (collection === undefined || kinds.get(operation) !== "action" || unsubscribes.has(operation)) continue;
    const deletes = (o: OperationModel) => o.method === "DELETE" && shape(o.path) === `${collection}/{}`;
    if ([...roles.keys()].some(deletes)) continue;
    const remover = removerOf(collection, all, kinds);
    if (remover !== undefined) roles.set(remover, "cleanup");
  }
  const actions = callOrder([...roles.keys()].filter((o) => kinds.get(o) === "action"), all);
  const triggers = all.filter((o) => roles.has(o) && kinds.get(o) === "trigger").map((operation): Step => {
    const trigger = webhooks.triggers.find((t) => t.name === operation.name);
    if (trigger === undefined) {
      return { kind: "skip", operation, reason: "a trigger without a callback URL property (x-ms-notification-url): try runs webhook triggers only" };
    }
    const simulation = simulations.get(operation)!;
    if (!("operation" in simulation)) return { kind: "skip", operation, reason: simulation.reason };
    const created = createdCollection(simulation.operation, all);
    const cleanup = created === undefined ? undefined : removerOf(created, all, kinds);
    const unsubscribe = trigger.unsubscribe === undefined ? undefined : byName.get(trigger.unsubscribe.operation);
    return {
      kind: "trigger",
      operation,
      role: roles.get(operation)!,
      callback: trigger.callback,
      fire: simulation,
      ...(unsubscribe === undefined ? {} : { unsubscribe }),
      ...(cleanup === undefined ? {} : { cleanup }),
    };
  });
  // Triggers after everything but the deletes: what they fire may need what the run created.
  const firstDelete = actions.findIndex((o) => o.method === "DELETE");
  const at = firstDelete === -1 ? actions.length : firstDelete;
  const call = (operation: OperationModel): Step => ({ kind: "call", operation, role: roles.get(operation)! });
  return [...actions.slice(0, at).map(call), ...triggers, ...actions.slice(at).map(call)];
}
