/**
 * The reference engine's error vocabulary. Every expected failure inside the engine is one of these
 * classes, each with a stable `code` and an optional `cause`. The daemon's HTTP edge calls
 * `httpStatusOf(err)` exactly once per failed request, so no other module ever picks a status code.
 *
 *   throw new NotFound(`No such image: ${ref}`);          // inside images/
 *   res.statusCode = httpStatusOf(err);                   // in the daemon's error middleware
 */
export type EngineErrorCode =
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_ARGUMENT'
  | 'NOT_MODIFIED'
  | 'NOT_IMPLEMENTED'
  | 'FORBIDDEN'
  | 'UNAVAILABLE'
  | 'DEADLINE_EXCEEDED';

export abstract class ReferenceEngineError extends Error {
  abstract readonly code: EngineErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}

/** The named object (image, blob, container, ...) does not exist. */
export class NotFound extends ReferenceEngineError {
  readonly code = 'NOT_FOUND';
}

/** The request clashes with the current state (image in use, name taken, ...). */
export class Conflict extends ReferenceEngineError {
  readonly code = 'CONFLICT';
}

/** The caller sent something malformed, tampered or inconsistent. */
export class InvalidArgument extends ReferenceEngineError {
  readonly code = 'INVALID_ARGUMENT';
}

/** The request asked for a change that is already in effect (start a running container). */
export class NotModified extends ReferenceEngineError {
  readonly code = 'NOT_MODIFIED';
}

/** The engine knows the request but does not implement it. */
export class NotImplemented extends ReferenceEngineError {
  readonly code = 'NOT_IMPLEMENTED';
}

/** The request is understood but not allowed (write to a read-only path of a container). */
export class Forbidden extends ReferenceEngineError {
  readonly code = 'FORBIDDEN';
}

/** Something the engine needs is missing or down (a helper binary not built, a tool absent). */
export class Unavailable extends ReferenceEngineError {
  readonly code = 'UNAVAILABLE';
}

/** An operation did not finish within its deadline (a hook, a container's setup). */
export class DeadlineExceeded extends ReferenceEngineError {
  readonly code = 'DEADLINE_EXCEEDED';
  constructor(
    what: string,
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super(`${what} timed out after ${timeoutMs} ms`, options);
  }
}

// moby's errdefs → status: a deadline is a system error there (500), not a gateway timeout.
const STATUS: Record<EngineErrorCode, number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_ARGUMENT: 400,
  NOT_MODIFIED: 304,
  NOT_IMPLEMENTED: 501,
  FORBIDDEN: 403,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 500,
};

/** The one error → HTTP status map (moby's httpstatus.FromError): unknown errors are 500. */
export function httpStatusOf(err: unknown): number {
  return err instanceof ReferenceEngineError ? STATUS[err.code] : 500;
}
