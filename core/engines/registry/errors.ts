import { EngineError, ShipshapeError } from '../../errors.js';

/** One entry of the distribution-spec error body `{"errors":[{code,message,detail}]}`. */
export interface RegistryErrorEntry {
  readonly code: string;
  readonly message?: string;
  readonly detail?: unknown;
}

/** A registry answered with an unexpected status; carries the parsed error codes (empty if none). */
export class RegistryError extends EngineError {
  readonly codes: readonly string[];
  readonly errors: readonly RegistryErrorEntry[];
  /** The response body as text (truncated), kept for bodies that are not the JSON error shape. */
  readonly bodyText: string;

  constructor(status: number, errors: readonly RegistryErrorEntry[], bodyText: string, context: string) {
    super(status, describeErrors(errors, bodyText, status), context);
    this.name = 'RegistryError';
    this.errors = errors;
    this.codes = errors.map((e) => e.code);
    this.bodyText = bodyText;
  }

  /** True when the registry reported this error code. */
  has(code: string): boolean {
    return this.codes.includes(code);
  }
}

/** The registry answered, but its answer breaks the protocol (digest mismatch, missing header, bad JSON). */
export class RegistryProtocolError extends ShipshapeError {
  constructor(message: string, cause?: unknown) {
    super('PROTOCOL', message, { cause });
    this.name = 'RegistryProtocolError';
  }
}

const MAX_TEXT = 512;

/** Parse an error body; returns [] when the body is not the spec's JSON error shape. */
export function parseErrorBody(body: Uint8Array): RegistryErrorEntry[] {
  if (body.length === 0) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const list = (parsed as { errors?: unknown }).errors;
  if (!Array.isArray(list)) return [];
  const out: RegistryErrorEntry[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const { code, message, detail } = item as Record<string, unknown>;
    if (typeof code !== 'string') continue;
    out.push({
      code,
      ...(typeof message === 'string' ? { message } : {}),
      ...(detail === undefined ? {} : { detail }),
    });
  }
  return out;
}

/** Build a RegistryError from a response that had an unexpected status. */
export function registryError(res: { status: number; body: Uint8Array }, context: string): RegistryError {
  const text = Buffer.from(res.body).subarray(0, MAX_TEXT).toString('utf8');
  return new RegistryError(res.status, parseErrorBody(res.body), text, context);
}

function describeErrors(errors: readonly RegistryErrorEntry[], bodyText: string, status: number): string {
  if (errors.length > 0) {
    return errors.map((e) => (e.message ? `${e.code}: ${e.message}` : e.code)).join('; ');
  }
  const text = bodyText.trim().replace(/\s+/g, ' ');
  return text.length > 0
    ? `(no error codes) ${text.slice(0, 200)}`
    : `(no error codes, empty body, status ${status})`;
}

/** Return `res` when its status is one of `expected`, else throw the RegistryError it describes. */
export function expectStatus<R extends { status: number; body: Uint8Array }>(
  res: R,
  expected: readonly number[],
  context: string,
): R {
  if (!expected.includes(res.status)) throw registryError(res, context);
  return res;
}
