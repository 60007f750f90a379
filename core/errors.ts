/**
 * The harness's error vocabulary. Expected failures (bad input, an engine that is not there, a timeout)
 * are ShipshapeErrors with a stable `code`; the CLI prints their message without a stack trace and exits
 * with `exitCode`. Anything else is a bug and is printed in full.
 */
export type ErrorCode =
  | 'USAGE'
  | 'ENVIRONMENT'
  | 'ENGINE_UNREACHABLE'
  | 'ENGINE_ERROR'
  | 'PROTOCOL'
  | 'TIMEOUT'
  | 'NOT_FOUND'
  | 'INVALID_INPUT';

export class ShipshapeError extends Error {
  readonly code: ErrorCode;
  /** Process exit status when this error ends a CLI command. */
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ShipshapeError';
    this.code = code;
    this.exitCode = options?.exitCode ?? (code === 'USAGE' || code === 'ENVIRONMENT' ? 2 : 1);
  }
}

export const usageError = (message: string): ShipshapeError => new ShipshapeError('USAGE', message);

export class EngineUnreachableError extends ShipshapeError {
  constructor(endpoint: string, reason: string, cause?: unknown) {
    super('ENGINE_UNREACHABLE', `cannot reach ${endpoint}: ${reason}`, { cause, exitCode: 2 });
    this.name = 'EngineUnreachableError';
  }
}

export class TimeoutError extends ShipshapeError {
  readonly timeoutMs: number;
  constructor(what: string, timeoutMs: number, cause?: unknown) {
    super('TIMEOUT', `${what} timed out after ${timeoutMs} ms`, { cause });
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** An engine answered with an error: HTTP status (or CLI exit code) plus the engine's own message. */
export class EngineError extends ShipshapeError {
  readonly status: number;
  readonly engineMessage: string;
  constructor(status: number, engineMessage: string, context: string) {
    super('ENGINE_ERROR', `${context}: ${status} ${engineMessage}`);
    this.name = 'EngineError';
    this.status = status;
    this.engineMessage = engineMessage;
  }
}

export const isShipshapeError = (err: unknown): err is ShipshapeError => err instanceof ShipshapeError;
