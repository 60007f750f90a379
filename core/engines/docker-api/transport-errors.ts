import { EngineUnreachableError, ShipshapeError } from '../../errors.js';

const UNREACHABLE_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOENT: 'socket does not exist',
  EACCES: 'permission denied on socket',
  ENOTSOCK: 'path is not a socket',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
};

const errorCode = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;

/**
 * Turn a low-level socket or undici failure into the harness vocabulary: unreachable engine, a connection
 * the engine dropped mid-response (PROTOCOL), or the original error when it is already a ShipshapeError.
 */
export function classifyTransportError(err: unknown, address: string, what: string): unknown {
  if (err instanceof ShipshapeError) return err;
  const code = errorCode(err) ?? errorCode((err as { cause?: unknown } | undefined)?.cause);
  const reason = code === undefined ? undefined : UNREACHABLE_CODES[code];
  if (reason !== undefined) {
    const detail = err instanceof Error ? ` (${err.message})` : '';
    return new EngineUnreachableError(address, `${reason}${detail}`, err);
  }
  if (
    code === 'UND_ERR_SOCKET' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE'
  ) {
    const message = err instanceof Error ? err.message : String(err);
    return new ShipshapeError('PROTOCOL', `${what}: connection to ${address} closed early (${message})`, {
      cause: err,
    });
  }
  return err;
}
