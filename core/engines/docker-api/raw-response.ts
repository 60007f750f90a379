import { EngineError, ShipshapeError } from '../../errors.js';
import type { ResponseHeaders } from './transport.js';

/** A whole HTTP answer, whatever its status: what protocol tests look at. */
export interface RawResponse {
  readonly status: number;
  /** Lower-case header names, as undici gives them. */
  readonly headers: ResponseHeaders;
  readonly body: Buffer;
  /** The body parsed as JSON; a PROTOCOL error when it is not JSON. */
  json(): unknown;
  text(): string;
  /** One header's value (the first when repeated), by case-insensitive name. */
  header(name: string): string | undefined;
}

export function rawResponse(
  status: number,
  headers: ResponseHeaders,
  body: Buffer,
  what: string,
): RawResponse {
  return {
    status,
    headers,
    body,
    text: () => body.toString('utf8'),
    header: (name) => headerValue(headers, name),
    json: () => parseJson(body, what),
  };
}

export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(body: Buffer, what: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    const head = body.subarray(0, 120).toString('utf8');
    throw new ShipshapeError('PROTOCOL', `${what}: response body is not JSON: ${JSON.stringify(head)}`, {
      cause: err,
    });
  }
}

/** Docker answers 2xx, and 304 for "already in that state"; both count as success (as in moby's client). */
export const isSuccess = (status: number): boolean => status >= 200 && status < 400;

/** The engine's `message` field (or the body text) from an error answer, as an EngineError. */
export function engineErrorFrom(status: number, body: Buffer, context: string): EngineError {
  const text = body.toString('utf8').trim();
  let message = text === '' ? `HTTP ${status}` : text;
  try {
    const parsed: unknown = JSON.parse(text);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'message' in parsed &&
      typeof parsed.message === 'string'
    ) {
      message = parsed.message;
    }
  } catch {
    // not JSON: keep the text
  }
  return new EngineError(status, message, context);
}
