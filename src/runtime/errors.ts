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
