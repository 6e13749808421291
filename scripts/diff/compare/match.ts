/**
 * Pairs the operations of two sides: by operationId first; then an unpaired operation on each side with the same
 * method and path shape is one operation whose operationId was renamed (one finding, not a removal and an addition).
 */
import type { OperationContract } from "../../model/contract/contract.js";

export interface OperationPair {
  readonly base: OperationContract;
  readonly head: OperationContract;
}

export function matchOperations(base: readonly OperationContract[], head: readonly OperationContract[]) {
  const byId = new Map<string, OperationContract>();
  for (const op of head) if (!byId.has(op.operationId)) byId.set(op.operationId, op);
  const pairs: OperationPair[] = [];
  const pairedHead = new Set<OperationContract>();
  const unpairedBase: OperationContract[] = [];
  for (const op of base) {
    const match = byId.get(op.operationId);
    if (match && !pairedHead.has(match)) {
      pairs.push({ base: op, head: match });
      pairedHead.add(match);
    } else {
      unpairedBase.push(op);
    }
  }
  const byRoute = new Map<string, OperationContract>();
  for (const op of head) {
    const key = `${op.method} ${op.pathShape}`;
    if (!pairedHead.has(op) && !byRoute.has(key)) byRoute.set(key, op);
  }
  const removed: OperationContract[] = [];
  for (const op of unpairedBase) {
    const key = `${op.method} ${op.pathShape}`;
    const match = byRoute.get(key);
    if (match) {
      pairs.push({ base: op, head: match });
      pairedHead.add(match);
      byRoute.delete(key);
    } else {
      removed.push(op);
    }
  }
  const added = head.filter((op) => !pairedHead.has(op));
  return { pairs, removed, added };
}
