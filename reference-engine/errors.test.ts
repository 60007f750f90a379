import { describe, expect, it } from 'vitest';
import * as errors from './errors.js';
import { Conflict, DeadlineExceeded, httpStatusOf, NotFound, ReferenceEngineError } from './errors.js';

// Docker's statuses (moby errdefs → HTTP), written out here so a change to the map is a visible change.
const EXPECTED: Record<errors.EngineErrorCode, number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_ARGUMENT: 400,
  NOT_MODIFIED: 304,
  NOT_IMPLEMENTED: 501,
  FORBIDDEN: 403,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 500,
};

type ErrorClass = new (message: string, timeoutMs?: number) => ReferenceEngineError;

/** Every concrete error class the module exports. */
const classes = Object.entries(errors as Record<string, unknown>).filter(
  (entry): entry is [string, ErrorClass] =>
    typeof entry[1] === 'function' &&
    entry[1] !== ReferenceEngineError &&
    (entry[1] as { prototype: unknown }).prototype instanceof ReferenceEngineError,
);

describe('engine errors', () => {
  it('every class maps to its Docker status, and every code has a class', () => {
    expect(classes.length).toBe(Object.keys(EXPECTED).length);
    const codes = new Set<string>();
    for (const [name, Class] of classes) {
      const err = Class === DeadlineExceeded ? new DeadlineExceeded('x', 1) : new Class('x');
      codes.add(err.code);
      expect({ name, status: httpStatusOf(err) }).toEqual({ name, status: EXPECTED[err.code] });
    }
    expect([...codes].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('anything that is not an engine error is 500', () => {
    expect(httpStatusOf(new Error('boom'))).toBe(500);
    expect(httpStatusOf('string')).toBe(500);
  });

  it('carry a stable code, their class name and the cause', () => {
    const cause = new Error('inner');
    const err = new Conflict('in use', { cause });
    expect(err).toBeInstanceOf(ReferenceEngineError);
    expect(err.code).toBe('CONFLICT');
    expect(err.name).toBe('Conflict');
    expect(err.cause).toBe(cause);
    expect(new NotFound('gone').cause).toBeUndefined();
    expect(new DeadlineExceeded('setup', 5).message).toBe('setup timed out after 5 ms');
  });
});
