import { httpStatusOf, ReferenceEngineError } from '../../errors.js';

/** What the edge answers for a failed request: Docker's status and its `{"message"}` body. */
export interface ErrorReply {
  status: number;
  message: string;
}

interface FrameworkError {
  statusCode?: unknown;
  message?: unknown;
}

/**
 * The one place a thrown error becomes a status. Engine errors go through `httpStatusOf`; an error
 * that carries a 4xx `statusCode` (a library's refusal of the request) is the client's fault and
 * answers 400 (404 stays 404), as dockerd's errdefs.InvalidParameter does; anything else is 500.
 */
export function errorReply(err: unknown): ErrorReply {
  const message = messageOf(err);
  if (err instanceof ReferenceEngineError) return { status: httpStatusOf(err), message };
  const { statusCode } = (err ?? {}) as FrameworkError;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500)
    return { status: statusCode === 404 ? 404 : 400, message };
  return { status: httpStatusOf(err), message };
}

function messageOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message === '' ? 'internal error' : message;
}
