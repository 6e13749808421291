/** Thrown by a handler stub that has not been written yet; the runtime answers 501 Not Implemented. */
export class NotImplementedError extends Error {
  readonly operationId: string;

  constructor(operationId: string) {
    super(`${operationId} is not implemented yet: write it in src/handlers/${operationId}.ts`);
    this.name = "NotImplementedError";
    this.operationId = operationId;
  }
}

export function notImplemented(operationId: string): never {
  throw new NotImplementedError(operationId);
}

/**
 * Thrown to answer with this problem whatever the operation's responses declare: for refusals the runtime owes
 * any caller (a webhook callback URL the app must not call), not for the handler's own answers.
 */
export class ProblemError extends Error {
  constructor(readonly problem: import("./handler.js").ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = "ProblemError";
  }
}
