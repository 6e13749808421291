/**
 * How to make a breaking change safe, in Power Platform's versioning terms (notes §1.4 and §7.1): add a revision
 * `…_V2` in the same `x-ms-api-annotation` family, deprecate the old operation and keep it for 30 days.
 */
import type { OperationContract } from "../../model/contract/contract.js";

/** The family an operation belongs to and the revision number its successor takes. */
export function nextRevision(op: OperationContract): { family: string; current: number; next: number; name: string } {
  const match = /^(.*)_V(\d+)$/i.exec(op.operationId);
  const family = op.family || (match ? match[1]! : op.operationId);
  const current = match ? Number(match[2]) : 1;
  return { family, current, next: current + 1, name: `${family}_V${current + 1}` };
}

/** The standard way out of any in-place breaking change to an operation. */
export function revisionAdvice(op: OperationContract): string {
  const { family, current, next, name } = nextRevision(op);
  return (
    `Leave \`${op.operationId}\` as it was and put the new shape in a revision: add \`${name}\` on its own path ` +
    `(e.g. \`/v${next}${op.path}\`) with \`x-ms-api-annotation: {family: ${family}, revision: ${next}}\`; give ` +
    `\`${op.operationId}\` \`x-ms-api-annotation: {family: ${family}, revision: ${current}}\`, \`deprecated: true\` and ` +
    `"(deprecated)" in its summary, and keep it working for at least 30 days.`
  );
}

export function removalAdvice(op: OperationContract): string {
  return (
    `Don't delete \`${op.operationId}\` yet: mark it \`deprecated: true\` with "(deprecated)" in its summary and ` +
    `description (the designer then hides it from new flows while existing ones keep working), point users to its ` +
    `replacement, and remove it after at least 30 days' notice.`
  );
}

/** A cheaper fix first, then the revision. */
export function withRevision(first: string, op: OperationContract): string {
  return `${first} Otherwise: ${revisionAdvice(op)}`;
}
