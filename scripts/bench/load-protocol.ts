/** What the load bench and its server process share: the function key and the IPC messages. */

export const FUNCTION_KEY = "load-bench-key-0123456789abcdefghijklmnop";

export interface MemoryFigures {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** Heap in use after a full collection (undefined without --expose-gc). */
  readonly heapAfterGcBytes: number | undefined;
}

export type ServerMessage =
  | { readonly kind: "ready"; readonly port: number; readonly handlers: "real" | "stub" }
  | { readonly kind: "memory"; readonly memory: MemoryFigures }
  | { readonly kind: "failed"; readonly message: string };
