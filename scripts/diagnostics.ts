/**
 * One diagnostic shape for every stage: Spectral's (code, message, path, severity, source, range).
 * Paths are JSON paths into the document; they become file:line:col only at the edge.
 */

export enum Severity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export interface Position {
  /** Zero-based, as in Spectral and LSP. */
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Diagnostic {
  code: string | number;
  message: string;
  path: (string | number)[];
  severity: Severity;
  source?: string;
  range: Range;
}

export const EMPTY_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A mistake of the user's (bad input, bad usage): reported as a message, never as a stack trace. */
export class UserError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  /** The CLI exit code to use: 2 for unreadable input or bad usage, 1 for findings. */
  readonly exitCode: number;

  /** `cause`: the error behind it, whose stack CONDUIT_DEBUG=1 prints. */
  constructor(message: string, options: { diagnostics?: readonly Diagnostic[]; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "UserError";
    this.diagnostics = options.diagnostics ?? [];
    this.exitCode = options.exitCode ?? 2;
  }
}

export function formatLocation(source: string | undefined, range: Range): string {
  return `${source ?? "<input>"}:${range.start.line + 1}:${range.start.character + 1}`;
}
