/**
 * The order `conduit try` calls a connector's actions in, so that a run means something and leaves nothing behind:
 * what creates a resource first, then what reads, then what changes, then what deletes (deepest first); an action
 * on `/things/{id}` gets the id that the create on `/things` returned. When only some actions are asked for, the
 * create they need runs before them (setup) and the delete after them (cleanup). Pure: spec model in, steps out.
 *
 * Triggers are planned as skipped steps for now: calling one means subscribing a receiver, which try does not do
 * yet. A trigger step kind can take their place without changing how actions are ordered.
 */
import type { OperationModel } from "../model/model.js";
import { getAtPath, isObject } from "../model/refs.js";

export type StepRole = "requested" | "setup" | "cleanup";

export type Step =
  | { readonly kind: "call"; readonly operation: OperationModel; readonly role: StepRole }
  | { readonly kind: "skip"; readonly operation: OperationModel; readonly reason: string };

export type OperationKind = "action" | "trigger";

/** A trigger (`x-ms-trigger`) fires into a flow; everything else is an action a flow or canvas app calls. */
export function operationKind(root: unknown, operation: OperationModel): OperationKind {
  const raw = getAtPath(root, operation.location.map(String));
  return isObject(raw) && raw["x-ms-trigger"] !== undefined ? "trigger" : "action";
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

/**
 * The steps for the operations asked for (all when `requested` is empty): each action once, in call order, with
 * the creates they depend on as setup and a delete for what the run creates as cleanup.
 */
export function planSteps(root: unknown, all: readonly OperationModel[], requested: readonly OperationModel[]): Step[] {
  const wanted = requested.length === 0 ? [...all] : [...requested];
  const kinds = new Map(all.map((o) => [o, operationKind(root, o)]));
  const creators = new Map<string, OperationModel>();
  for (const operation of all) {
    const collection = createdCollection(operation, all);
    if (collection !== undefined && kinds.get(operation) === "action") creators.set(collection, operation);
  }
  const roles = new Map<OperationModel, StepRole>(wanted.map((o) => [o, "requested"]));
  // Setup: the creates that the wanted actions' path variables come from, and theirs in turn.
  const queue = [...wanted];
  while (queue.length > 0) {
    const operation = queue.shift()!;
    for (const variable of pathVariables(operation.path)) {
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
    if (collection === undefined || kinds.get(operation) !== "action") continue;
    const deletes = (o: OperationModel) => o.method === "DELETE" && shape(o.path) === `${collection}/{}`;
    if ([...roles.keys()].some(deletes)) continue;
    const remover = all.find((o) => deletes(o) && kinds.get(o) === "action");
    if (remover !== undefined) roles.set(remover, "cleanup");
  }
  const ordered = callOrder([...roles.keys()], all);
  return ordered.map((operation): Step =>
    kinds.get(operation) === "trigger"
      ? { kind: "skip", operation, reason: "trigger: try does not subscribe a receiver yet" }
      : { kind: "call", operation, role: roles.get(operation)! },
  );
}
