import { expect } from 'vitest';
import { headerValue, type RawResponse } from '../../../core/engines/registry/index.js';

/** The `code` values of the spec's error table (code-1 .. code-14). */
export const SPEC_ERROR_CODES: readonly string[] = [
  'BLOB_UNKNOWN',
  'BLOB_UPLOAD_INVALID',
  'BLOB_UPLOAD_UNKNOWN',
  'DIGEST_INVALID',
  'MANIFEST_BLOB_UNKNOWN',
  'MANIFEST_INVALID',
  'MANIFEST_UNKNOWN',
  'NAME_INVALID',
  'NAME_UNKNOWN',
  'SIZE_INVALID',
  'UNAUTHORIZED',
  'DENIED',
  'UNSUPPORTED',
  'TOOMANYREQUESTS',
];

/** Problems with a body against the spec's error shape; [] when it conforms. */
export function errorShapeProblems(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['body is not a JSON object'];
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return ['body has no "errors" array'];
  if (errors.length === 0) return ['"errors" is empty'];
  const problems: string[] = [];
  for (const [i, entry] of errors.entries()) {
    if (typeof entry !== 'object' || entry === null) {
      problems.push(`errors[${i}] is not an object`);
      continue;
    }
    const { code, message } = entry as Record<string, unknown>;
    if (typeof code !== 'string' || !/^[A-Z_]+$/.test(code)) {
      problems.push(`errors[${i}].code ${JSON.stringify(code)} is not upper case letters and _`);
    } else if (!SPEC_ERROR_CODES.includes(code)) {
      problems.push(`errors[${i}].code ${code} is not in the spec's table`);
    }
    if (message !== undefined && typeof message !== 'string')
      problems.push(`errors[${i}].message is not a string`);
  }
  return problems;
}

/** The codes of a JSON error body, or undefined when the body is not JSON. */
export function errorCodes(res: RawResponse): string[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body.toString('utf8'));
  } catch {
    return undefined;
  }
  const errors = (parsed as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((e) => (e as { code?: unknown } | null)?.code).filter((c) => typeof c === 'string');
}

/**
 * Assert a 4xx answer: status one of `status`, a body in the spec's JSON error shape, and at least one of
 * `codes` among its codes. The comparison is on one object so a failure shows status, codes and body.
 */
export function expectError(
  res: RawResponse,
  status: number | readonly number[],
  codes: string | readonly string[],
): void {
  const statuses = typeof status === 'number' ? [status] : status;
  const wanted = typeof codes === 'string' ? [codes] : codes;
  const found = errorCodes(res);
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const seen = {
    statusOk: statuses.includes(res.status),
    shape: parsed === undefined ? ['body is not JSON'] : errorShapeProblems(parsed),
    codeOk: (found ?? []).some((c) => wanted.includes(c)),
  };
  expect(seen, describe(res, statuses, wanted)).toEqual({ statusOk: true, shape: [], codeOk: true });
}

/** Assert only the status and, when the body is JSON, its shape (for answers a registry may leave bare). */
export function expectStatusAndShape(res: RawResponse, status: number | readonly number[]): void {
  const statuses = typeof status === 'number' ? [status] : status;
  let shape: string[] = [];
  if (res.body.length > 0 && /json/i.test(headerValue(res, 'content-type') ?? '')) {
    try {
      shape = errorShapeProblems(JSON.parse(res.body.toString('utf8')));
    } catch {
      shape = ['Content-Type says JSON but the body does not parse'];
    }
  }
  expect({ statusOk: statuses.includes(res.status), shape }, describe(res, statuses, [])).toEqual({
    statusOk: true,
    shape: [],
  });
}

const describe = (res: RawResponse, statuses: readonly number[], codes: readonly string[]): string =>
  `wanted ${statuses.join('/')}${codes.length ? ` with ${codes.join(' or ')}` : ''}; got ${res.status} ` +
  `${res.body.toString('utf8').slice(0, 300)}`;
