/** Two contract models → findings. Pure: no IO, no positions (JSON paths only; `locate` adds lines later). */
import type { ContractModel, OperationContract } from "../../model/contract/contract.js";
import { removalAdvice } from "./advice.js";
import { compareFindings, type Finding } from "./findings.js";
import { matchOperations, type OperationPair } from "./match.js";
import { compareOperation } from "./operation.js";
import { renderSignature, signatureOf } from "../../model/contract/power-fx.js";

export function compareContracts(base: ContractModel, head: ContractModel): Finding[] {
  const out: Finding[] = [];
  const { pairs, removed, added } = matchOperations(base.operations, head.operations);
  compareConnector(base, head, pairs, out);
  for (const op of removed) out.push(operationRemoved(base, op));
  for (const op of added) {
    out.push({
      code: "operation-added",
      severity: "safe",
      operation: op.operationId,
      message: `new operation \`${op.operationId}\` (${op.method.toUpperCase()} ${op.path})`,
      head: op.place,
    });
  }
  for (const pair of pairs) compareOperation(base, head, pair.base, pair.head, out);
  return out.sort(compareFindings);
}

/** A base without the spec (a new connector) compares as the head's connector with no operations: all is new. */
export function emptyContract(like: ContractModel): ContractModel {
  return { ...like, operations: [] };
}

function operationRemoved(base: ContractModel, op: OperationContract): Finding {
  const sig = signatureOf(base, op);
  const deprecated = op.deprecated ? " (it was deprecated: if users had 30 days' notice, acknowledge the removal)" : "";
  return {
    code: "operation-removed",
    severity: "breaking",
    operation: op.operationId,
    message: `operation \`${op.operationId}\` (${op.method.toUpperCase()} ${op.path}) was removed${deprecated}`,
    flows: "The operation has been deleted: existing flows that use this action or trigger fail.",
    ...(sig.notCallable === "" ? { canvas: `Canvas apps calling \`${renderSignature(sig, { maxOptional: 3 })}\` will fail to compile.` } : {}),
    advice: removalAdvice(op),
    base: op.place,
  };
}

function compareConnector(base: ContractModel, head: ContractModel, pairs: readonly OperationPair[], out: Finding[]): void {
  if (base.basePath !== head.basePath) {
    const moved = pairs.filter((p) => p.base.url !== p.head.url).length;
    out.push({
      code: "base-path-changed",
      severity: moved > 0 ? "breaking" : "safe",
      operation: "",
      message: `basePath changed from \`${base.basePath}\` to \`${head.basePath}\`${moved > 0 ? `: the URL of ${moved} operation${moved === 1 ? "" : "s"} changes` : ", and every operation's URL stays the same"}`,
      ...(moved > 0
        ? {
            flows: "Every existing flow and canvas app calls the new URLs as soon as the connector is updated: the API must serve them first.",
            advice: "Keep the basePath and serve new routes under it (the function app's routePrefix stays in step with it), or publish the new URLs as revisions of each operation.",
          }
        : {}),
      base: { file: base.place.file, path: ["basePath"] },
      head: { file: head.place.file, path: ["basePath"] },
    });
  }
  if (base.host !== head.host) {
    out.push({
      code: "host-changed",
      severity: "warning",
      operation: "",
      message: `host changed from \`${base.host || "(none)"}\` to \`${head.host || "(none)"}\``,
      flows: "Every existing connection calls the new host as soon as the connector is updated: it must serve the same API.",
      base: { file: base.place.file, path: ["host"] },
      head: { file: head.place.file, path: ["host"] },
    });
  }
  compareSecurity(base, head, out);
}

/** Connections are made for a kind of authentication; the definition's name is only a label. */
function compareSecurity(base: ContractModel, head: ContractModel, out: Finding[]): void {
  const at = (model: ContractModel, name?: string) => ({ file: model.place.file, path: name === undefined ? ["securityDefinitions"] : ["securityDefinitions", name] });
  for (const scheme of base.security) {
    const same = head.security.filter((s) => s.kind === scheme.kind);
    if (same.length === 0) {
      const now = head.security.length === 0 ? "none" : head.security.map((s) => `\`${s.kind}\``).join(", ");
      out.push({
        code: "security-changed",
        severity: "breaking",
        operation: "",
        message: `authentication \`${scheme.kind}\` (${scheme.name}) was removed or changed (now: ${now})`,
        flows: "Existing connections were made for the old authentication: their flows and apps fail until each user creates a new connection.",
        advice: "Keep the existing security definition; if the authentication must change, publish a new connector (or add a connection parameter set) and move users over.",
        base: at(base, scheme.name),
        head: at(head),
      });
      continue;
    }
    const match = same.find((s) => s.name === scheme.name) ?? same[0]!;
    if (match.urls !== scheme.urls) {
      out.push({
        code: "security-changed",
        severity: "warning",
        operation: "",
        message: `the OAuth endpoints of \`${scheme.name}\` changed`,
        flows: "Existing connections keep their tokens, but refreshing them goes to the new token endpoint: if it does not honour the old refresh tokens, every user must sign in again.",
        base: at(base, scheme.name),
        head: at(head, match.name),
      });
    }
  }
}
