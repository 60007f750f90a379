import { httpStatusOf, ReferenceEngineError } from '../../errors.js';

/** What the edge answers for a failed request: Docker's status and its `{"message"}` body. */
export interface ErrorReply {
  status: number;
  message: string;
}

interface FrameworkError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

/**
 * The one place a thrown error becomes a status. Engine errors go through `httpStatusOf`; the
 * framework's own refusals of a request (bad JSON, body too large, unsupported content type, bad
 * parameters) are the client's fault and answer 400, as dockerd's errdefs.InvalidParameter does;
 * anything else is 500.
 */
export function errorReply(err: unknown): ErrorReply {
  const message = messageOf(err);
  if (err instanceof ReferenceEngineError) return { status: httpStatusOf(err), message };
  const { code, statusCode } = (err ?? {}) as FrameworkError;
  if (typeof code === 'string' && code.startsWith('FST_ERR_CTP_')) return { status: 400, message };
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500)
    return { status: statusCode === 404 ? 404 : 400, message };
  return { status: httpStatusOf(err), message };
}

function messageOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message === '' ? 'internal error' : message;
}
